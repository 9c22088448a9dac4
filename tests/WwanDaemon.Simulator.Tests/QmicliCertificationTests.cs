using System.Globalization;
using System.Text.RegularExpressions;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// The simulator is honest when the reference implementation agrees: Debian's qmicli (libqmi-utils,
/// installed by .ci/run) drives it over a real pseudo-terminal, and what it prints must equal the
/// simulated modem's state.
/// </summary>
public class QmicliCertificationTests
{
    private static string Value(string output, string label) =>
        Regex.Match(output, $@"{Regex.Escape(label)}:\s*'?([^'\n]*)'?") is { Success: true } match
            ? match.Groups[1].Value.Trim()
            : throw new Xunit.Sdk.XunitException($"qmicli printed no '{label}':\n{output}");

    [Fact]
    public async Task DmsIdentity_MatchesTheProfile()
    {
        await using var sim = new SimulatedQmiModem();
        var profile = sim.Modem.Profile;

        var ids = await sim.QmicliAsync("--dms-get-ids");
        var manufacturer = await sim.QmicliAsync("--dms-get-manufacturer");
        var model = await sim.QmicliAsync("--dms-get-model");
        var revision = await sim.QmicliAsync("--dms-get-revision");

        Assert.Equal(0, ids.Exit);
        Assert.Equal(profile.Imei, Value(ids.Output, "IMEI"));
        Assert.Equal(profile.Meid, Value(ids.Output, "MEID"));
        Assert.Equal(profile.Esn, Value(ids.Output, "ESN"));
        Assert.Equal(profile.Manufacturer, Value(manufacturer.Output, "Manufacturer"));
        Assert.Equal(profile.Model, Value(model.Output, "Model"));
        Assert.Equal(profile.Revision, Value(revision.Output, "Revision"));
    }

    [Fact]
    public async Task OperatingModeAndFccAuthentication_FollowTheModem()
    {
        await using var sim = new SimulatedQmiModem("fcc-locked");

        Assert.Equal("low-power", Value((await sim.QmicliAsync("--dms-get-operating-mode")).Output, "Mode"));
        var refused = await sim.QmicliAsync("--dms-set-operating-mode=online");
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("InvalidTransition", refused.Output, StringComparison.Ordinal);

        var unlocked = await sim.QmicliAsync("--dms-set-fcc-authentication");
        Assert.Equal(0, unlocked.Exit);
        Assert.False(sim.Modem.FccLocked);
        Assert.Equal(0, (await sim.QmicliAsync("--dms-set-operating-mode=online")).Exit);
        Assert.Equal(OperatingMode.Online, sim.Modem.Mode);
        Assert.Equal("online", Value((await sim.QmicliAsync("--dms-get-operating-mode")).Output, "Mode"));
    }

    [Fact]
    public async Task PinLockedSim_WrongThenRightPin()
    {
        await using var sim = new SimulatedQmiModem("pin-locked");

        var before = await sim.QmicliAsync("--dms-uim-get-pin-status");
        Assert.Equal("enabled-not-verified", Value(before.Output, "Status"));
        Assert.Equal("3", Value(before.Output, "Verify"));
        var card = await sim.QmicliAsync("--uim-get-card-status");
        Assert.Equal("pin1-or-upin-pin-required", Value(card.Output, "Application state"));

        var wrong = await sim.QmicliAsync("--uim-verify-pin=PIN1,1111");
        Assert.NotEqual(0, wrong.Exit);
        Assert.Contains("IncorrectPin", wrong.Output, StringComparison.Ordinal);
        Assert.Equal(sim.Modem.Sim.PinRetries.ToString(CultureInfo.InvariantCulture), Value(wrong.Output, "Verify"));
        Assert.Equal(2, sim.Modem.Sim.PinRetries);

        var right = await sim.QmicliAsync("--uim-verify-pin=PIN1,1234");
        Assert.Equal(0, right.Exit);
        Assert.Equal(SimState.Ready, sim.Modem.Sim.State);
        Assert.Equal("ready", Value((await sim.QmicliAsync("--uim-get-card-status")).Output, "Application state"));
    }

    [Fact]
    public async Task NasSignalServingSystemAndHomeNetwork_MatchTheModem()
    {
        await using var sim = new SimulatedQmiModem("roaming");
        sim.Modem.SetSignal(new SignalQuality(-81, -104, -12, 7.5));

        var signal = await sim.QmicliAsync("--nas-get-signal-info");
        var serving = await sim.QmicliAsync("--nas-get-serving-system");
        var home = await sim.QmicliAsync("--nas-get-home-network");

        Assert.Equal("-81 dBm", Value(signal.Output, "RSSI"));
        Assert.Equal("-104 dBm", Value(signal.Output, "RSRP"));
        Assert.Equal("-12 dB", Value(signal.Output, "RSRQ"));
        Assert.Equal("7.5 dB", Value(signal.Output, "SNR"));
        Assert.Equal("registered", Value(serving.Output, "Registration state"));
        Assert.Equal("on", Value(serving.Output, "Roaming status"));
        Assert.Equal(sim.Modem.Profile.OperatorName, Value(serving.Output, "Description"));
        Assert.Equal(int.Parse(sim.Modem.Profile.OperatorMcc, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture), Value(home.Output, "MCC"));
    }

    [Fact]
    public async Task WdsSession_StartSettingsStatusStop()
    {
        await using var sim = new SimulatedQmiModem();

        var started = await sim.QmicliAsync("--wds-start-network=apn=internet,ip-type=4", "--client-no-release-cid");
        Assert.Equal(0, started.Exit);
        var session = Assert.Single(sim.Modem.Sessions);
        var handle = Value(started.Output, "Packet data handle");
        var clientId = Value(started.Output, "CID");
        Assert.Equal(session.Handle.ToString(CultureInfo.InvariantCulture), handle);

        var settings = await sim.QmicliAsync("--wds-get-current-settings", $"--client-cid={clientId}", "--client-no-release-cid");
        Assert.Equal(session.Ipv4!.ToString(), Value(settings.Output, "IPv4 address"));
        Assert.Equal(session.Ipv4Gateway!.ToString(), Value(settings.Output, "IPv4 gateway address"));
        Assert.Equal(session.Dns[0].ToString(), Value(settings.Output, "IPv4 primary DNS"));
        Assert.Equal(session.Mtu.ToString(CultureInfo.InvariantCulture), Value(settings.Output, "MTU"));
        var status = await sim.QmicliAsync("--wds-get-packet-service-status", $"--client-cid={clientId}", "--client-no-release-cid");
        Assert.Equal("connected", Value(status.Output, "Connection status"));

        var stopped = await sim.QmicliAsync($"--wds-stop-network={handle}", $"--client-cid={clientId}");
        Assert.Equal(0, stopped.Exit);
        Assert.Empty(sim.Modem.Sessions);
    }

    [Fact]
    public async Task UnansweredCommand_GetsAnErrorAndTheModemLivesOn()
    {
        await using var sim = new SimulatedQmiModem();

        var msisdn = await sim.QmicliAsync("--dms-get-msisdn");
        var model = await sim.QmicliAsync("--dms-get-model");

        Assert.NotEqual(0, msisdn.Exit);
        Assert.Contains("InvalidQmiCommand", msisdn.Output, StringComparison.Ordinal);
        Assert.Equal(sim.Modem.Profile.Model, Value(model.Output, "Model"));
        Assert.Equal(0, sim.Port.HandlerFailures);
    }

    [Fact]
    public async Task WdaDataFormat_GetAndSetRawIp()
    {
        await using var sim = new SimulatedQmiModem();

        Assert.Equal("802-3", Value((await sim.QmicliAsync("--wda-get-data-format")).Output, "Link layer protocol"));
        var set = await sim.QmicliAsync("--wda-set-data-format=link-layer-protocol=raw-ip");

        Assert.Equal(0, set.Exit);
        Assert.True(sim.Modem.RawIp);
        Assert.Equal("raw-ip", Value((await sim.QmicliAsync("--wda-get-data-format")).Output, "Link layer protocol"));
    }
}

/// <summary>Our client on the same pseudo-terminal qmicli uses, through the poll()-based character device stream.</summary>
public class QmiClientOverPtyTests
{
    [Fact]
    public async Task ClientOnTheLink_ReadsIdentityAndClosesPromptly()
    {
        await using var sim = new SimulatedQmiModem();
        await using var stream = WwanDaemon.Linux.Terminals.CharacterDevice.Open(sim.Link);
        var device = await WwanDaemon.Qmi.Client.QmiDevice.OpenAsync(stream, new WwanDaemon.Qmi.Client.QmiDeviceOptions { Name = sim.Link });
        var dms = await WwanDaemon.Qmi.Client.QmiClient.AllocateAsync(device, "dms", 2);

        var ids = await dms.RequestAsync("Get IDs");
        await dms.DisposeAsync();
        var closing = device.DisposeAsync().AsTask();

        Assert.Equal(sim.Modem.Profile.Imei, ids["Imei"]!.AsString());
        await closing.WaitAsync(TimeSpan.FromSeconds(5)); // a blocked read would hang here
    }

    [Fact]
    public void MissingDevice_FailsNamingThePath()
    {
        var error = Assert.Throws<IOException>(() => WwanDaemon.Linux.Terminals.CharacterDevice.Open("/dev/cdc-wdm-missing"));

        Assert.Contains("/dev/cdc-wdm-missing", error.Message, StringComparison.Ordinal);
    }
}
