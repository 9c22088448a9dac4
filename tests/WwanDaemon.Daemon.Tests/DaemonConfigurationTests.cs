using System.Collections;
using Serilog.Events;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Daemon.Configuration;

namespace WwanDaemon.Daemon.Tests;

public class DaemonConfigurationTests
{
    private static readonly Dictionary<string, string> NoOverrides = [];

    private static DaemonOptions Load(string json, IDictionary? environment = null, Dictionary<string, string>? overrides = null)
    {
        using var file = new TempConfigFile(json);
        return DaemonConfiguration.Load(file.Path, true, environment ?? new Hashtable(), overrides ?? NoOverrides);
    }

    private static string Problem(string json, IDictionary? environment = null, Dictionary<string, string>? overrides = null, Func<TempConfigFile, string>? expected = null)
    {
        using var file = new TempConfigFile(json);
        var failure = Assert.Throws<DaemonConfigurationException>(() =>
            DaemonConfiguration.Load(file.Path, true, environment ?? new Hashtable(), overrides ?? NoOverrides));
        if (expected is not null)
        {
            Assert.Contains(expected(file), failure.Message, StringComparison.Ordinal);
        }
        return failure.Message;
    }

    [Fact]
    public void Load_EmptyFile_Defaults()
    {
        var options = Load("{}");

        Assert.Equal(new DaemonOptions(), options with { Reconnect = new(), ReenumerationLoop = new() });
        Assert.Equal("/sys", options.SysfsRoot);
        Assert.Equal(CompositionPolicy.PreferMbim, options.Policy);
        Assert.Equal(IpConfigurationMode.Apply, options.IpConfiguration);
        Assert.False(options.AllowModeSwitch);
        Assert.False(options.LogPersonalData);
        Assert.Equal(3, options.ReenumerationLoop.Cycles);
        Assert.Equal(TimeSpan.FromSeconds(60), options.ReenumerationLoop.Window);
    }

    [Fact]
    public void Load_EveryKey_Read()
    {
        var options = Load("""
            {
              "SysfsRoot": "/tmp/sim/sys", "DevRoot": "/tmp/sim/dev", "StateDirectory": "/tmp/state",
              "Policy": "prefer-qmi", "AllowModeSwitch": true, "IpConfiguration": "report",
              "Reconnect": { "InitialSeconds": 2, "MaxSeconds": 60, "Jitter": 0.1 },
              "ReenumerationLoop": { "Cycles": 4, "WindowSeconds": 90 },
              "LogPersonalData": true, "LogLevel": "Debug", "LogTarget": "console"
            }
            """);

        Assert.Equal("/tmp/sim/sys", options.SysfsRoot);
        Assert.Equal("/tmp/sim/dev", options.DevRoot);
        Assert.Equal("/tmp/state", options.StateDirectory);
        Assert.Equal(CompositionPolicy.PreferQmi, options.Policy);
        Assert.True(options.AllowModeSwitch);
        Assert.Equal(IpConfigurationMode.Report, options.IpConfiguration);
        Assert.Equal(new ReconnectBackoffOptions { Initial = TimeSpan.FromSeconds(2), Max = TimeSpan.FromSeconds(60), Jitter = 0.1 }, options.Reconnect);
        Assert.Equal(new ReenumerationLoopOptions { Cycles = 4, Window = TimeSpan.FromSeconds(90) }, options.ReenumerationLoop);
        Assert.True(options.LogPersonalData);
        Assert.Equal(LogEventLevel.Debug, options.LogLevel);
        Assert.Equal(LogTarget.Console, options.LogTarget);
    }

    [Fact]
    public void Load_LaterSourcesWin_FileThenEnvironmentThenCommandLine()
    {
        var environment = new Hashtable { ["WWAN_DAEMON_Policy"] = "keep", ["WWAN_DAEMON_Reconnect__MaxSeconds"] = "120", ["PATH"] = "/bin" };

        var options = Load("""{ "Policy": "prefer-qmi", "LogLevel": "warning" }""", environment, new() { ["LogLevel"] = "error" });

        Assert.Equal(CompositionPolicy.Keep, options.Policy);
        Assert.Equal(TimeSpan.FromSeconds(120), options.Reconnect.Max);
        Assert.Equal(LogEventLevel.Error, options.LogLevel);
    }

    [Fact]
    public void Load_BadPolicyInFile_NamesKeyValueAllowedValuesAndFile()
    {
        Problem("""{ "Policy": "prefer-lte" }""", expected: f =>
            $"Policy = \"prefer-lte\" (config file {f.Path}): allowed values are prefer-mbim, prefer-qmi, keep.");
    }

    [Fact]
    public void Load_BadValueFromEnvironment_NamesTheVariableAndTheFile()
    {
        Problem("{}", new Hashtable { ["WWAN_DAEMON_IpConfiguration"] = "dhcp" }, expected: f =>
            $"IpConfiguration = \"dhcp\" (environment variable WWAN_DAEMON_IpConfiguration; config file {f.Path}): allowed values are apply, report.");
    }

    [Fact]
    public void Load_BadValueFromCommandLine_NamesTheOption()
    {
        var message = Problem("{}", overrides: new() { ["AllowModeSwitch"] = "yes" });

        Assert.Contains("AllowModeSwitch = \"yes\" (command line --AllowModeSwitch; config file ", message, StringComparison.Ordinal);
        Assert.Contains("allowed values are false, true.", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SeveralProblems_AllListed()
    {
        var message = Problem("""{ "LogLevel": "loud", "Reconnect": { "Jitter": 2, "InitialSeconds": 10, "MaxSeconds": 5 }, "SysfsRoot": "sys", "Polcy": "keep" }""");

        Assert.StartsWith("invalid configuration (5 problems):", message, StringComparison.Ordinal);
        Assert.Contains("LogLevel = \"loud\"", message, StringComparison.Ordinal);
        Assert.Contains("allowed values are verbose, debug, information, warning, error, fatal", message, StringComparison.Ordinal);
        Assert.Contains("Reconnect:Jitter = \"2\"", message, StringComparison.Ordinal);
        Assert.Contains("must be a number from 0 to 1", message, StringComparison.Ordinal);
        Assert.Contains("Reconnect:MaxSeconds = \"5\"", message, StringComparison.Ordinal);
        Assert.Contains("must be at least Reconnect:InitialSeconds (10)", message, StringComparison.Ordinal);
        Assert.Contains("SysfsRoot = \"sys\"", message, StringComparison.Ordinal);
        Assert.Contains("must be an absolute path", message, StringComparison.Ordinal);
        Assert.Contains("Polcy = \"keep\"", message, StringComparison.Ordinal);
        Assert.Contains("unknown key; known keys are SysfsRoot, DevRoot", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotJson_NamesTheFileAndTheLine()
    {
        Problem("{ \"Policy\": \"keep\",\n  oops }", expected: f => $"config file {f.Path} is not valid JSON:");
    }

    [Fact]
    public void Load_GivenFileMissing_SaysSo()
    {
        var failure = Assert.Throws<DaemonConfigurationException>(() =>
            DaemonConfiguration.Load("/nonexistent/wwan.json", true, new Hashtable(), NoOverrides));

        Assert.Equal("config file /nonexistent/wwan.json (given with --config) does not exist. Create it (an empty {} is valid) or drop --config to use /etc/wwan-daemon/config.json.", failure.Message);
    }

    [Fact]
    public void Load_DefaultFileMissing_Defaults()
    {
        Assert.Equal(CompositionPolicy.PreferMbim, DaemonConfiguration.Load("/nonexistent/wwan.json", false, new Hashtable(), NoOverrides).Policy);
    }
}
