using System.Collections;
using WwanDaemon.Daemon.CommandLine;
using WwanDaemon.Daemon.Tests.Fakes;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.Tests;

/// <summary>The whole program in-process: exit codes, what goes to stdout and what to stderr.</summary>
public class DaemonProgramTests
{
    [Fact]
    public async Task Help_ExplainsOptionsExamplesAndExitCodes()
    {
        var run = await DaemonRun.RunAsync("--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("--simulate [NAME]", run.Output, StringComparison.Ordinal);
        Assert.Contains("Examples:", run.Output, StringComparison.Ordinal);
        Assert.Contains("78  invalid configuration", run.Output, StringComparison.Ordinal);
        var flattened = string.Join(' ', run.Output.Split((char[])[' ', '\n', ','], StringSplitOptions.RemoveEmptyEntries));
        foreach (var scenario in SimulationScenarios.Names)
        {
            Assert.Contains(" " + scenario + " ", flattened, StringComparison.Ordinal); // every scenario is named in --help
        }
    }

    [Fact]
    public async Task Version_PrintsIt()
    {
        var run = await DaemonRun.RunAsync("--version");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.StartsWith("wwan-daemon ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadConfiguration_Exit78WithTheProblemAndNoStackTrace()
    {
        using var config = new TempConfigFile("""{ "Policy": "prefer-lte" }""");

        var run = await DaemonRun.RunAsync("--config", config.Path);

        Assert.Equal(ExitCodes.Config, run.ExitCode);
        Assert.Equal(
            $"wwan-daemon: invalid configuration (1 problem):\n  Policy = \"prefer-lte\" (config file {config.Path}): allowed values are prefer-mbim, prefer-qmi, keep.\n",
            run.Error.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task UnknownScenario_Exit64ListingTheScenarios()
    {
        var run = await DaemonRun.RunAsync("--simulate", "seed-042");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("Scenarios: default, pin-locked, seed-000, seed-000-rndis, seed-001, seed-002, seed-002-stable, seed-003, seed-004.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulateDefault_ConnectsOverQmi_Exit0AndOnlyTheJsonLineOnStdout()
    {
        using var config = new TempConfigFile("{}");

        var run = await DaemonRun.RunAsync("--config", config.Path, "--simulate", "default", "--until", "connected", "--timeout", "30");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var modem = Assert.Single(json.RootElement.GetProperty("modems").EnumerateArray().ToArray());
        Assert.Equal("connected", modem.GetProperty("state").GetString());
        Assert.Equal("qmi", modem.GetProperty("controlProtocol").GetString());
        Assert.EndsWith("/dev/cdc-wdm0", modem.GetProperty("controlPort").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("192.0.2.", modem.GetProperty("ip").GetProperty("address").GetString(), StringComparison.Ordinal);
        Assert.False(modem.GetProperty("ip").GetProperty("applied").GetBoolean());
        Assert.Equal(1, run.Output.Count(c => c == '\n'));
    }

    [Fact]
    public async Task Until_NoModemOnTheMachine_Exit1SayingNoneAppeared()
    {
        using var config = new TempConfigFile("{}");
        var root = Directory.CreateTempSubdirectory("wwan-empty-");
        Directory.CreateDirectory(Path.Combine(root.FullName, "sys", "bus", "usb", "devices"));
        try
        {
            var run = await DaemonRun.RunAsync("--config", config.Path, $"--SysfsRoot={root.FullName}/sys", $"--DevRoot={root.FullName}/dev",
                $"--StateDirectory={root.FullName}/state", "--until", "connected", "--timeout", "1");

            Assert.Equal(ExitCodes.UntilTimedOut, run.ExitCode);
            Assert.Contains("no modem appeared", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Until_ModemConnects_Exit0AndOneJsonLineOnStdout()
    {
        using var config = new TempConfigFile("{}");
        var factory = new FakeFleetFactory((ModemState.Initializing, null), (ModemState.Searching, null), (ModemState.Connected, null));

        var run = await DaemonRun.RunAsync(factory, new Hashtable(), "--config", config.Path, "--simulate", "seed-003", "--until", "connected", "--timeout", "10");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("seed-003", factory.Scenario);
        Assert.Equal(
            """{"modems":[{"id":"1-6","state":"connected","reason":null,"configuration":2,"actions":["unbind qcserial 1-6:2.12"],"controlPort":"/dev/cdc-wdm0","controlProtocol":"mbim","ip":null}]}""" + Environment.NewLine,
            run.Output);
    }

    [Fact]
    public async Task Until_ModemStuck_Exit1NamingItOnStderr()
    {
        using var config = new TempConfigFile("{}");
        var factory = new FakeFleetFactory((ModemState.Locked, "SIM PIN required and no PIN in the profile"));

        var run = await DaemonRun.RunAsync(factory, new Hashtable(), "--config", config.Path, "--simulate", "--until", "connected", "--timeout", "0.5");

        Assert.Equal(ExitCodes.UntilTimedOut, run.ExitCode);
        Assert.Contains("wwan-daemon: not every modem was connected within 0.5 s: 1-6 is locked (SIM PIN required and no PIN in the profile)", run.Error, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"locked\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UdevRules_PrintsTheRulesForThePolicyGiven()
    {
        using var config = new TempConfigFile("{}");

        var run = await DaemonRun.RunAsync("--config", config.Path, "--udev-rules", "--Policy=prefer-qmi");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.StartsWith("# Generated by `wwan-daemon --udev-rules` (policy prefer-qmi)", run.Output, StringComparison.Ordinal);
    }
}
