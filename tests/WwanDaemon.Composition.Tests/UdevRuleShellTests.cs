using System.Diagnostics;
using System.Text.RegularExpressions;
using WwanDaemon.Composition.Diagnosis;
using WwanDaemon.Composition.Planning;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Composition.Tests;

/// <summary>
/// The udev rule's RUN commands are real shell: run them as udev would (after its $$ / %% / %k
/// substitutions) with /sys pointed at a temporary folder, and check what they write where.
/// </summary>
public partial class UdevRuleShellTests
{
    [GeneratedRegex("RUN\\+=\"/bin/sh -c '(?<script>[^']*)'\"")]
    private static partial Regex RunScript();

    [Theory]
    [InlineData("2-6")]
    [InlineData("1-1.4")]
    public void Seed004RuleRun_FreesBothMbimInterfacesThenBindsTheControlInterface(string busPath)
    {
        var text = File.ReadAllText(Directory.GetFiles(Fixtures.Path("seeds"), "seed-004*.txt").Single());
        var device = Diagnoser.FromText(text, "seed-004", CompositionPolicy.PreferMbim, KnowledgeBaseData.Embedded).Single().Plan.Device with { BusPath = busPath };
        var rule = CompositionPlanner.Plan(device, KnowledgeBaseData.Embedded, CompositionPolicy.PreferMbim).UdevRule!;
        var line = rule.Split('\n').Single(l => l.Contains("ACTION==\"bind\"", StringComparison.Ordinal));
        Assert.Contains("ATTR{bInterfaceNumber}==\"01\"", line, StringComparison.Ordinal); // the function's last interface triggers it
        var root = Path.Combine(Path.GetTempPath(), "udev-run-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var file in new[] { "bus/usb/drivers/qcserial/unbind", "bus/usb/drivers/cdc_mbim/bind" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
                File.WriteAllText(Path.Combine(root, file), "");
            }
            // udev substitutes %k with the kernel name, %% with % and $$ with $ before running RUN.
            var script = RunScript().Match(line).Groups["script"].Value
                .Replace("%k", busPath + ":3.1", StringComparison.Ordinal)
                .Replace("%%", "%", StringComparison.Ordinal)
                .Replace("$$", "$", StringComparison.Ordinal)
                .Replace(" > /sys/", $" >> {root}/", StringComparison.Ordinal);

            var shell = Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script } })!;
            Assert.True(shell.WaitForExit(10_000));

            Assert.Equal(0, shell.ExitCode);
            Assert.Equal($"{busPath}:3.0\n{busPath}:3.1\n", File.ReadAllText(Path.Combine(root, "bus/usb/drivers/qcserial/unbind")));
            Assert.Equal($"{busPath}:3.0\n", File.ReadAllText(Path.Combine(root, "bus/usb/drivers/cdc_mbim/bind")));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
