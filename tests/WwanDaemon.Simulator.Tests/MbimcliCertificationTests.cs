using System.Globalization;
using System.Text.RegularExpressions;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// The simulated MBIM modem is honest when the reference implementation agrees: Debian's mbimcli
/// (libmbim-utils 1.28) drives it over a real pseudo-terminal, and what it prints must equal the
/// simulated modem's state.
/// </summary>
public class MbimcliCertificationTests
{
    internal static string Value(string output, string label) =>
        Regex.Match(output, $@"{Regex.Escape(label)}:\s*'([^'\n]*)'") is { Success: true } match
            ? match.Groups[1].Value.Trim()
            : throw new Xunit.Sdk.XunitException($"the tool printed no '{label}':\n{output}");

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task DeviceCaps_MatchTheProfile()
    {
        await using var sim = new SimulatedMbimModem("em7355-fcc-locked");
        var profile = sim.Modem.Profile;

        var caps = await sim.MbimcliAsync("--query-device-caps");

        Assert.True(caps.Exit == 0, caps.Output);
        Assert.Equal(profile.Imei, Value(caps.Output, "Device ID"));
        Assert.Equal(profile.Revision, Value(caps.Output, "Firmware info"));
        Assert.Equal(profile.Model, Value(caps.Output, "Hardware info"));
        Assert.Equal(Text(profile.MaxSessions), Value(caps.Output, "Max sessions"));
        Assert.Equal("umts, hsdpa, hsupa, lte", Value(caps.Output, "Data class"));
        Assert.Equal(0, sim.Port.HandlerFailures);
    }

    [Fact]
    public async Task PinLockedSim_WrongPinCostsAnAttemptThenTheRightOneUnlocks()
    {
        await using var sim = new SimulatedMbimModem("pin-locked");

        var ready = await sim.MbimcliAsync("--query-subscriber-ready-status");
        Assert.Equal("device-locked", Value(ready.Output, "Ready state"));
        Assert.Equal(sim.Modem.Sim.Iccid, Value(ready.Output, "SIM ICCID"));
        var pin = await sim.MbimcliAsync("--query-pin-state");
        Assert.Equal("locked", Value(pin.Output, "PIN state"));
        Assert.Equal("pin1", Value(pin.Output, "PIN type"));
        Assert.Equal(Text(sim.Modem.Sim.PinRetries), Value(pin.Output, "Remaining attempts"));

        var wrong = await sim.MbimcliAsync("--enter-pin=1111");
        Assert.NotEqual(0, wrong.Exit);
        Assert.Contains("Failure", wrong.Output, StringComparison.Ordinal);
        Assert.Equal(SimCard.DefaultPinRetries - 1, sim.Modem.Sim.PinRetries);
        Assert.Equal(Text(sim.Modem.Sim.PinRetries), Value((await sim.MbimcliAsync("--query-pin-state")).Output, "Remaining attempts"));

        var right = await sim.MbimcliAsync($"--enter-pin={sim.Modem.Sim.Pin}");
        Assert.True(right.Exit == 0, right.Output);
        Assert.Equal("unlocked", Value(right.Output, "PIN state"));
        Assert.Equal(SimState.Ready, sim.Modem.Sim.State);
        var after = await sim.MbimcliAsync("--query-subscriber-ready-status");
        Assert.Equal("initialized", Value(after.Output, "Ready state"));
        Assert.Equal(sim.Modem.Sim.Imsi, Value(after.Output, "Subscriber ID"));
        Assert.Equal(0, sim.Port.HandlerFailures);
    }

    [Fact]
    public async Task RadioState_FccLockRefusesRadioOnUntilQmiFccAuthenticationThroughMbim()
    {
        await using var sim = new SimulatedMbimModem("em7355-fcc-locked");

        Assert.Equal("off", Value((await sim.MbimcliAsync("--query-radio-state")).Output, "Software radio state"));
        var refused = await sim.MbimcliAsync("--set-radio-state=on");
        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("Failure", refused.Output, StringComparison.Ordinal);
        Assert.Equal(OperatingMode.LowPower, sim.Modem.Mode);

        var unlocked = await sim.QmicliAsync("--dms-set-fcc-authentication");
        Assert.True(unlocked.Exit == 0, unlocked.Output);
        Assert.False(sim.Modem.FccLocked);

        var on = await sim.MbimcliAsync("--set-radio-state=on");
        Assert.True(on.Exit == 0, on.Output);
        Assert.Equal(OperatingMode.Online, sim.Modem.Mode);
        Assert.Equal("on", Value(on.Output, "Software radio state"));
        Assert.Equal("on", Value((await sim.MbimcliAsync("--query-radio-state")).Output, "Software radio state"));
        Assert.Equal(0, sim.Port.HandlerFailures);
        Assert.Equal(0, sim.Port.QmiPort.HandlerFailures);
    }

    [Fact]
    public async Task HomeProviderRegistrationAndSignal_MatchTheModem()
    {
        await using var sim = new SimulatedMbimModem("roaming");
        sim.Modem.SetSignal(new SignalQuality(-81, -104, -12, 7.5));
        var profile = sim.Modem.Profile;

        var home = await sim.MbimcliAsync("--query-home-provider");
        var registration = await sim.MbimcliAsync("--query-registration-state");
        var signal = await sim.MbimcliAsync("--query-signal-state");

        Assert.Equal(profile.OperatorMcc + profile.OperatorMnc, Value(home.Output, "Provider ID"));
        Assert.Equal(profile.OperatorName, Value(home.Output, "Provider name"));
        Assert.Equal("roaming", Value(registration.Output, "Register state"));
        Assert.Equal(profile.OperatorName, Value(registration.Output, "Provider name"));
        var rssi = int.Parse(Value(signal.Output, "RSSI [0-31,99]"), CultureInfo.InvariantCulture);
        Assert.Equal(sim.Modem.Signal.RssiDbm, -113 + (2 * rssi)); // MBIM 1.0 §10.5.10: -113 dBm + 2 dB per step
        Assert.Equal(0, sim.Port.HandlerFailures);
    }

    [Fact]
    public async Task PacketServiceConnectIpConfigurationDisconnect_FollowTheModemSessions()
    {
        await using var sim = new SimulatedMbimModem();

        var detached = await sim.MbimcliAsync("--detach-packet-service");
        Assert.Equal("detached", Value(detached.Output, "Packet service state"));
        Assert.False(sim.Modem.PacketServiceAttached);
        var attached = await sim.MbimcliAsync("--attach-packet-service");
        Assert.True(attached.Exit == 0, attached.Output);
        Assert.True(sim.Modem.PacketServiceAttached);
        Assert.Equal("attached", Value((await sim.MbimcliAsync("--query-packet-service-state")).Output, "Packet service state"));

        var connected = await sim.MbimcliAsync("--connect=apn=internet"); // the issue's spelling; mbimcli 1.28 warns "apn" is deprecated for "access-string"
        Assert.True(connected.Exit == 0, connected.Output);
        var session = Assert.Single(sim.Modem.Sessions);
        Assert.Equal("activated", Value(connected.Output, "Activation state"));
        Assert.Equal("internet", Value(connected.Output, "Context type"));

        var ip = await sim.MbimcliAsync("--query-ip-configuration");
        Assert.Equal($"{session.Ipv4}/24", Value(ip.Output, "IP [0]"));
        Assert.Equal(session.Ipv4Gateway!.ToString(), Value(ip.Output, "Gateway"));
        Assert.Equal(session.Dns[0].ToString(), Value(ip.Output, "DNS [0]"));
        Assert.Equal(Text(session.Mtu), Value(ip.Output, "MTU"));
        Assert.Contains($"'{session.Ipv6}/64'", ip.Output, StringComparison.Ordinal);
        Assert.Equal("activated", Value((await sim.MbimcliAsync("--query-connection-state")).Output, "Activation state"));

        var disconnected = await sim.MbimcliAsync("--disconnect");
        Assert.True(disconnected.Exit == 0, disconnected.Output);
        Assert.Equal("deactivated", Value(disconnected.Output, "Activation state"));
        Assert.Empty(sim.Modem.Sessions);
        Assert.Equal(0, sim.Port.HandlerFailures);
    }

    /// <summary>The issue's exact spelling: mbimcli 1.28 still takes the deprecated <c>apn</c> key (with a warning on stderr).</summary>
    [Fact]
    public async Task ConnectWithTheApnKey_ActivatesTheModemSessionForThatApn()
    {
        await using var sim = new SimulatedMbimModem();

        var connected = await sim.MbimcliAsync("--connect=apn=internet");

        Assert.True(connected.Exit == 0, connected.Output);
        var session = Assert.Single(sim.Modem.Sessions);
        Assert.Equal("internet", session.Apn);
        Assert.Equal("activated", Value(connected.Output, "Activation state"));
        Assert.Equal($"{session.Ipv4}/24", Value(connected.Output, "IP [0]"));
        var disconnected = await sim.MbimcliAsync("--disconnect");
        Assert.True(disconnected.Exit == 0, disconnected.Output);
        Assert.Empty(sim.Modem.Sessions);
        Assert.Equal(0, sim.Port.HandlerFailures);
    }

    [Fact]
    public async Task ConnectToAnApnTheNetworkRefuses_FailsAndLeavesNoSession()
    {
        await using var sim = new SimulatedMbimModem();

        var refused = await sim.MbimcliAsync("--connect=access-string=not-an-apn");

        Assert.NotEqual(0, refused.Exit);
        Assert.Contains("Failure", refused.Output, StringComparison.Ordinal);
        Assert.Empty(sim.Modem.Sessions);
    }

    [Fact]
    public async Task DeviceServicesAndPacketStatistics_MatchTheSimulator()
    {
        await using var sim = new SimulatedMbimModem();
        sim.Modem.AddTraffic(123_456, 789, 65_432, 321);

        var services = await sim.MbimcliAsync("--query-device-services");
        var statistics = await sim.MbimcliAsync("--query-packet-statistics");

        Assert.Contains("d1a30bc2-f97a-6e43-bf65-c7e24fb0f0d3", services.Output, StringComparison.Ordinal);
        Assert.Contains("packet-statistics (20)", services.Output, StringComparison.Ordinal);
        Assert.Equal(Text(sim.Modem.Statistics.InOctets), Value(statistics.Output, "Octets (in)"));
        Assert.Equal(Text(sim.Modem.Statistics.OutPackets), Value(statistics.Output, "Packets (out)"));
    }

    [Fact]
    public async Task QmiOverMbim_QmicliReadsTheModemIdentity()
    {
        await using var sim = new SimulatedMbimModem("em7355-fcc-locked");

        var ids = await sim.QmicliAsync("--dms-get-ids");
        var model = await sim.QmicliAsync("--dms-get-model");

        Assert.True(ids.Exit == 0, ids.Output);
        Assert.Equal(sim.Modem.Profile.Imei, Value(ids.Output, "IMEI"));
        Assert.Equal(sim.Modem.Profile.Model, Value(model.Output, "Model"));
        Assert.Equal(0, sim.Port.QmiPort.HandlerFailures);
    }
}

/// <summary>Our clients on the same pseudo-terminal mbimcli uses: MbimDevice, and QmiDevice through MbimDevice.OpenQmiTransport().</summary>
public class MbimClientOverPtyTests
{
    [Fact]
    public async Task FccUnlockThroughQmiOverMbim_ThenRadioOn()
    {
        await using var sim = new SimulatedMbimModem("em7355-fcc-locked");
        await using var stream = WwanDaemon.Linux.Terminals.CharacterDevice.Open(sim.Link);
        await using var mbim = await WwanDaemon.Mbim.Client.MbimDevice.OpenAsync(stream, new WwanDaemon.Mbim.Client.MbimDeviceOptions { Name = sim.Link });
        var radioOn = new[] { new WwanDaemon.Qmi.Values.QmiField("RadioState", new WwanDaemon.Qmi.Values.QmiInteger(1)) };

        await Assert.ThrowsAsync<WwanDaemon.Mbim.Client.MbimStatusException>(() => mbim.SetAsync("basic-connect", "Radio State", radioOn));
        await using (var qmi = await WwanDaemon.Qmi.Client.QmiDevice.OpenAsync(mbim.OpenQmiTransport(), new WwanDaemon.Qmi.Client.QmiDeviceOptions { Name = sim.Link }))
        {
            await using var dms = await WwanDaemon.Qmi.Client.QmiClient.AllocateAsync(qmi, "dms", 2);
            await dms.RequestAsync("Set FCC Authentication");
        }
        var on = await mbim.SetAsync("basic-connect", "Radio State", radioOn);

        Assert.Equal(1, on["SwRadioState"]!.AsInteger());
        Assert.Equal(OperatingMode.Online, sim.Modem.Mode);
        Assert.Equal(0, sim.Port.HandlerFailures);
        Assert.Equal(0, sim.Port.QmiPort.HandlerFailures);
    }
}
