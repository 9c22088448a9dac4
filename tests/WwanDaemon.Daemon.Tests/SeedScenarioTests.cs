using System.Text.Json;
using WwanDaemon.Daemon.CommandLine;
using WwanDaemon.Daemon.Tests.Fakes;

namespace WwanDaemon.Daemon.Tests;

/// <summary>
/// `wwan-daemon --simulate seed-NNN --until STATE`: the whole daemon (watcher, planner, binding
/// executor, prober, backends, lifecycle) on a simulated machine with each seed's composition and misbehaviour.
/// </summary>
public class SeedScenarioTests
{
    private static async Task<JsonElement> RunAsync(string until, params string[] extra)
    {
        using var config = new TempConfigFile("{}");
        var run = await DaemonRun.RunAsync(["--config", config.Path, .. extra, "--until", until, "--timeout", "40"]);
        Assert.True(run.ExitCode == ExitCodes.Ok, $"exit {run.ExitCode}: {run.Error[^Math.Min(run.Error.Length, 2000)..]}");
        using var json = JsonDocument.Parse(run.Output);
        return Assert.Single(json.RootElement.GetProperty("modems").EnumerateArray().ToArray()).Clone();
    }

    private static string[] Actions(JsonElement modem) => modem.GetProperty("actions").EnumerateArray().Select(a => a.GetString()!).ToArray();

    [Fact]
    public async Task PinLocked_StopsLocked_NamingThePinAndTheTriesLeft()
    {
        var modem = await RunAsync("locked", "--simulate", SimulationScenarios.PinLocked);

        Assert.Equal("locked", modem.GetProperty("state").GetString());
        Assert.Contains("wants its PIN (3 tries left)", modem.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("qmi", modem.GetProperty("controlProtocol").GetString());
    }

    [Fact]
    public async Task Seed000_RndisComposition_ModeSwitchAllowed_ReenumeratesAndConnectsOverMbim()
    {
        var modem = await RunAsync("connected", "--simulate", "seed-000");

        Assert.Equal("mbim", modem.GetProperty("controlProtocol").GetString());
        Assert.Contains("at-mode-switch AT+CUSBPIDSWITCH=9003,1,1", Actions(modem));
    }

    [Fact]
    public async Task Seed000_PreferQmi_SwitchesTo9001AndConnectsOverQmi()
    {
        var modem = await RunAsync("connected", "--simulate", "seed-000", "--Policy=prefer-qmi");

        Assert.Equal("qmi", modem.GetProperty("controlProtocol").GetString());
        Assert.Contains("at-mode-switch AT+CUSBPIDSWITCH=9001,1,1", Actions(modem));
    }

    [Fact]
    public async Task Seed000_RndisKept_AtDrivesTheCall_IpByDhcpOnUsb0()
    {
        var modem = await RunAsync("connected", "--simulate", "seed-000-rndis");

        Assert.Equal("at", modem.GetProperty("controlProtocol").GetString());
        Assert.EndsWith("/dev/ttyUSB2", modem.GetProperty("controlPort").GetString(), StringComparison.Ordinal);
        Assert.Equal("dhcp", modem.GetProperty("ip").GetProperty("method").GetString());
        Assert.Equal("usb0", modem.GetProperty("ip").GetProperty("interface").GetString());
        Assert.Empty(Actions(modem));
    }

    [Fact]
    public async Task Seed001_FirstProtocolWins_ConnectedOverMbimWithoutSwitching()
    {
        var modem = await RunAsync("connected", "--simulate", "seed-001");

        Assert.Equal("mbim", modem.GetProperty("controlProtocol").GetString());
        Assert.Equal(2, modem.GetProperty("configuration").GetInt32());
        Assert.Empty(Actions(modem));
    }

    [Fact]
    public async Task Seed001_PreferQmi_ConfigurationSwitchedAtDiscovery_ConnectedOverQmi()
    {
        var modem = await RunAsync("connected", "--simulate", "seed-001", "--Policy=prefer-qmi");

        Assert.Equal("qmi", modem.GetProperty("controlProtocol").GetString());
        Assert.Equal(1, modem.GetProperty("configuration").GetInt32());
        Assert.Equal(["set-configuration 1"], Actions(modem));
    }

    [Fact]
    public async Task Seed002_ReenumerationLoop_DetectedAndReportedAsFailed()
    {
        var modem = await RunAsync("failed", "--simulate", "seed-002");

        var reason = modem.GetProperty("reason").GetString();
        Assert.NotNull(reason);
        Assert.Contains("1-1", reason, StringComparison.Ordinal);
        Assert.Contains("times", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed002_StableDevice_ConnectsOverQmi()
    {
        var modem = await RunAsync("connected", "--simulate", "seed-002-stable");

        Assert.Equal("qmi", modem.GetProperty("controlProtocol").GetString());
    }

    [Fact]
    public async Task Seed003_FccLocked_UnlockedThroughQmiOverMbim_Connected()
    {
        var modem = await RunAsync("connected", "--simulate", "seed-003");

        Assert.Equal("mbim", modem.GetProperty("controlProtocol").GetString());
    }

    [Fact]
    public async Task Seed004_QcserialOnMbim_FixedAndConnected()
    {
        var modem = await RunAsync("connected", "--simulate", "seed-004");

        Assert.Equal("mbim", modem.GetProperty("controlProtocol").GetString());
        Assert.Equal(3, modem.GetProperty("configuration").GetInt32());
        Assert.Equal(["set-configuration 3", "unbind qcserial 2-6:3.0", "unbind qcserial 2-6:3.1", "bind cdc_mbim 2-6:3.0"], Actions(modem));
    }
}
