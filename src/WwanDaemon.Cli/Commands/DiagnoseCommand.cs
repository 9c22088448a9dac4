using WwanDaemon.Composition.Diagnosis;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Linux.Sysfs;
using WwanDaemon.Usb;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Cli.Commands;

/// <summary><c>wwanctl diagnose</c>: reads a dump (any format) or a live sysfs tree and explains it.</summary>
public static class DiagnoseCommand
{
    public const string Help = """
        wwanctl diagnose - explain a modem's USB composition: what it is, what is wrong, what to do

        Usage:
          wwanctl diagnose FILE            read a dump from FILE
          wwanctl diagnose -               read a dump from standard input
          wwanctl diagnose --sysfs ROOT    read the live devices under ROOT (normally /sys)
          wwanctl diagnose --sample NAME   read a built-in sample (see 'wwanctl samples')
          wwanctl diagnose --demo          a simulated modem (seed 004's HP lt4112) on a fake sysfs tree,
                                           read through the same code as a live /sys
          wwanctl diagnose [--modem MODEM] [--bus ADDRESS]
                                           ask the running wwan-daemon (every device, or one modem);
                                           --json prints the same format as for a dump

        The dump may be 'cat /sys/kernel/debug/usb/devices', 'usb-devices' or 'lsusb -v' output,
        pasted with forum text and kernel log lines around it. --sysfs looks at every USB device
        and explains those that look like modems. The steps it prints write to /sys: run them as
        root (they are printed as 'echo VALUE | sudo tee FILE').

        Options:
          --json                 print the machine-readable result instead of the explanation
          --policy POLICY        prefer-mbim (default), prefer-qmi, or keep (never change the configuration)

        Exit status: 0 when it diagnosed, 2 when the input cannot be read (the message names the file and line).

        Examples:
          sudo cat /sys/kernel/debug/usb/devices | wwanctl diagnose -
          wwanctl diagnose --sysfs /sys --policy prefer-qmi
          wwanctl diagnose --sample seed-004 --json
          wwanctl diagnose --modem 1-6
        """;

    public static int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error)
    {
        var options = DiagnoseOptions.Parse(args, out var problem);
        if (options is null)
        {
            return ExitCodes.UsageError(error, problem! + " See 'wwanctl diagnose --help'.");
        }
        if (options.Help)
        {
            output.WriteLine(Help);
            return ExitCodes.Ok;
        }
        IReadOnlyList<DeviceDiagnosis> diagnoses;
        try
        {
            diagnoses = Diagnose(options, input);
        }
        catch (UsbFormatException failure)
        {
            return ExitCodes.UsageError(error, failure.Message);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            var what = options.SysfsRoot is { } root ? $"the sysfs tree at {root}" : options.Source;
            var reason = options.Source is { } path && Directory.Exists(path) ? "it is a directory; give a dump file, or --sysfs for a sysfs tree" : failure.Message;
            return ExitCodes.UsageError(error, $"cannot read {what}: {reason}");
        }
        output.Write(options.Json ? DiagnosisJsonWriter.Write(diagnoses) + "\n" : DiagnosisTextWriter.Write(diagnoses));
        return ExitCodes.Ok;
    }

    private static IReadOnlyList<DeviceDiagnosis> Diagnose(DiagnoseOptions options, TextReader input)
    {
        var knowledgeBase = KnowledgeBaseData.Embedded;
        if (options.Demo)
        {
            return SimulatedDemo.Run(options.Policy, knowledgeBase);
        }
        if (options.SysfsRoot is { } root)
        {
            return new SysfsUsbReader(root).ReadAll()
                .Where(device => Diagnoser.IsModemCandidate(device, knowledgeBase))
                .Select(device => Diagnoser.Diagnose(device, [], options.Policy, knowledgeBase))
                .ToArray();
        }
        var (name, text) = options.Source switch
        {
            "-" => ("standard input", input.ReadToEnd()),
            _ when options.Sample is { } sample => Samples.Find(sample) is { } found
                ? ("sample " + found.Name, found.Text)
                : throw new UsbFormatException("sample " + sample, null, $"no such sample; one of: {string.Join(", ", Samples.Names)}"),
            var path => (path!, File.ReadAllText(path!)),
        };
        return Diagnoser.FromText(text, name, options.Policy, knowledgeBase);
    }
}

/// <summary>The parsed command line of <c>wwanctl diagnose</c>.</summary>
public sealed record DiagnoseOptions(string? Source, string? Sample, string? SysfsRoot, bool Json, CompositionPolicy Policy, bool Help, bool Demo = false)
{
    public static DiagnoseOptions? Parse(IReadOnlyList<string> args, out string? problem)
    {
        string? source = null, sample = null, sysfs = null;
        var json = false;
        var demo = false;
        var policy = CompositionPolicy.PreferMbim;
        problem = null;
        for (var i = 0; i < args.Count; i++)
        {
            string? Next() => i + 1 < args.Count ? args[++i] : null;
            switch (args[i])
            {
                case "--help" or "-h":
                    return new DiagnoseOptions(null, null, null, false, policy, Help: true);
                case "--json":
                    json = true;
                    break;
                case "--demo":
                    demo = true;
                    break;
                case "--sysfs":
                    sysfs = Next() ?? Fail("--sysfs needs a directory, normally /sys.", out problem);
                    break;
                case "--sample":
                    if (source is not null)
                    {
                        problem = $"one input only; got '{source}' and --sample.";
                        return null;
                    }
                    sample = Next() ?? Fail("--sample needs a name (see 'wwanctl samples').", out problem);
                    source = sample;
                    break;
                case "--policy":
                    var name = Next();
                    CompositionPolicy? parsed = name switch
                    {
                        "prefer-mbim" => CompositionPolicy.PreferMbim,
                        "prefer-qmi" => CompositionPolicy.PreferQmi,
                        "keep" => CompositionPolicy.Keep,
                        _ => null,
                    };
                    if (parsed is null)
                    {
                        problem = $"--policy takes prefer-mbim, prefer-qmi or keep, not '{name}'.";
                        return null;
                    }
                    policy = parsed.Value;
                    break;
                case var argument when argument.StartsWith("--", StringComparison.Ordinal):
                    problem = $"unknown option '{argument}'.";
                    return null;
                default:
                    if (source is not null)
                    {
                        problem = sample is not null ? $"one input only; got --sample and '{args[i]}'." : $"one input only; got '{source}' and '{args[i]}'.";
                        return null;
                    }
                    source = args[i];
                    break;
            }
            if (problem is not null)
            {
                return null;
            }
        }
        if (demo && (source is not null || sysfs is not null))
        {
            problem = "--demo reads its own simulated modem; give no other input.";
            return null;
        }
        if (demo)
        {
            return new DiagnoseOptions("the simulated modem", null, null, json, policy, Help: false, Demo: true);
        }
        if (source is null && sysfs is null)
        {
            problem = "give a FILE, '-' for standard input, --sysfs ROOT, --sample NAME or --demo.";
            return null;
        }
        if (source is not null && sysfs is not null)
        {
            problem = "give either an input or --sysfs, not both.";
            return null;
        }
        return new DiagnoseOptions(source, sample, sysfs, json, policy, Help: false);
    }

    private static string? Fail(string message, out string? problem)
    {
        problem = message;
        return null;
    }
}
