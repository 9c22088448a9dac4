using WwanDaemon.Daemon.CommandLine;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.Tests;

public class CommandLineParserTests
{
    [Fact]
    public void Parse_NoArguments_RunsWithTheDefaultConfigFile()
    {
        var parsed = DaemonCommandLineParser.Parse([]);

        Assert.Equal(DaemonAction.Run, parsed.Action);
        Assert.Equal("/etc/wwan-daemon/config.json", parsed.ConfigFile);
        Assert.False(parsed.ConfigFileGiven);
        Assert.Null(parsed.SimulationScenario);
        Assert.Null(parsed.UntilState);
    }

    [Fact]
    public void Parse_SimulateUntilTimeout_AllRead()
    {
        var parsed = DaemonCommandLineParser.Parse(["--config", "/tmp/c.json", "--simulate", "seed-001", "--until", "connected", "--timeout", "30"]);

        Assert.Equal("/tmp/c.json", parsed.ConfigFile);
        Assert.True(parsed.ConfigFileGiven);
        Assert.Equal("seed-001", parsed.SimulationScenario);
        Assert.Equal(ModemState.Connected, parsed.UntilState);
        Assert.Equal(TimeSpan.FromSeconds(30), parsed.UntilTimeout);
    }

    [Theory]
    [InlineData(new[] { "--simulate" }, "default")]
    [InlineData(new[] { "--simulate", "--until", "registered", "--timeout", "5" }, "default")]
    [InlineData(new[] { "--simulate=seed-004" }, "seed-004")]
    public void Parse_SimulateWithoutScenario_IsDefault(string[] args, string scenario)
    {
        Assert.Equal(scenario, DaemonCommandLineParser.Parse(args).SimulationScenario);
    }

    [Fact]
    public void Parse_ConfigurationOverrides_KeyCaseFromTheKnownKeys()
    {
        var parsed = DaemonCommandLineParser.Parse(["--policy=prefer-qmi", "--Reconnect:MaxSeconds", "60"]);

        Assert.Equal("prefer-qmi", parsed.ConfigurationOverrides["Policy"]);
        Assert.Equal("60", parsed.ConfigurationOverrides["Reconnect:MaxSeconds"]);
    }

    [Theory]
    [InlineData(new[] { "--simulate", "seed-009" }, "unknown scenario 'seed-009'. Scenarios: default, pin-locked, seed-000, seed-000-rndis, seed-001, seed-002, seed-002-stable, seed-003, seed-004.")]
    [InlineData(new[] { "--until", "online", "--timeout", "5" }, "unknown state 'online' after --until. States: failed, unknown, initializing,")]
    [InlineData(new[] { "--until", "connected" }, "--until STATE and --timeout SECONDS go together")]
    [InlineData(new[] { "--timeout", "5" }, "--until STATE and --timeout SECONDS go together")]
    [InlineData(new[] { "--until", "connected", "--timeout", "-1" }, "--timeout '-1' is not a number of seconds")]
    [InlineData(new[] { "--config" }, "--config needs a file name.")]
    [InlineData(new[] { "--frobnicate" }, "unknown option '--frobnicate'. See wwan-daemon --help.")]
    public void Parse_BadCommandLine_SaysWhatIsAccepted(string[] args, string message)
    {
        var failure = Assert.Throws<CommandLineException>(() => DaemonCommandLineParser.Parse(args));

        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
    }
}
