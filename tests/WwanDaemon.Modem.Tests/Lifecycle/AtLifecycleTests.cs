using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Modem.Tests.Lifecycle;

/// <summary>The AT backend walked by the lifecycle against the simulated SIM7600G-H in its RNDIS composition (seed 000).</summary>
public sealed class AtLifecycleTests
{
    private const string Sim7600 = "sim7600-rndis";
    private static readonly ConnectionProfile Internet = new() { Apn = "internet" };

    private static Task<LifecycleHarness> StartSim7600Async(ConnectionProfile connection, ModemLifecycleOptions? options = null, Func<ModemProfile, ModemProfile>? adjust = null) =>
        LifecycleHarness.StartAsync(Sim7600, connection, options, protocol: "at", dataCall: AtDataCallDialect.SimcomQcrmcall, adjust: adjust);

    private static ModemProfile PinLocked(ModemProfile profile) => profile with { Sim = profile.Sim with { State = SimState.PinRequired } };

    private static string[] Heard(LifecycleHarness harness) => [.. harness.AtPort!.HeardLines];

    [Fact]
    public async Task Sim7600_NetworkEndsTheCallSilently_ThePeriodicCheckNoticesAndReconnects()
    {
        await using var harness = await StartSim7600Async(Internet);
        await harness.WaitForStateAsync(ModemState.Connected);
        var first = Assert.Single(harness.Modem.Sessions);
        var since = harness.Published.Count;

        harness.Modem.StopSession(first.Handle); // SIMCom sends no URC for this: only AT$QCRMCALL? tells

        var retrying = await harness.WaitForPublishedAsync(since, s => s.ReconnectAttempts == 1, "a reconnect after the silent drop");
        Assert.Contains("without a word from the modem", retrying.StateReason, StringComparison.Ordinal);
        await harness.WaitForAsync(s => s.State == ModemState.Connected && s.ReconnectAttempts == 0, "connected again");
        Assert.NotEqual(first.Handle, Assert.Single(harness.Modem.Sessions).Handle);
    }

    [Fact]
    public async Task Sim7600_WalksToConnected_ByDhcpOverQcrmcall()
    {
        await using var harness = await StartSim7600Async(Internet);

        var connected = await harness.WaitForStateAsync(ModemState.Connected);

        Assert.Single(harness.Modem.Sessions);
        Assert.Equal("dhcp", connected.Ip!.Method);
        Assert.Null(connected.Ip.Address);
        Assert.Equal("at", connected.ControlProtocol);
        Assert.Equal("/dev/ttyUSB2", connected.ControlPort);
        Assert.Equal(harness.Modem.Profile.Imei, connected.Imei);
        Assert.Equal(harness.Modem.Profile.Model, connected.Model);
        Assert.Equal(harness.Modem.Profile.Manufacturer, connected.Manufacturer);
        Assert.Equal(harness.Modem.Sim.Iccid, connected.Iccid);
        Assert.Equal("00101", connected.OperatorCode);
        Assert.Equal(harness.Modem.Profile.OperatorName, connected.OperatorName);
        Assert.InRange(connected.SignalQuality!.Value, 1, 100);
        var heard = Heard(harness);
        Assert.Contains("AT+CMEE=1", heard);
        Assert.Contains("AT+CEREG=2", heard);
        Assert.Contains("AT+CGDCONT=1,\"IP\",\"internet\"", heard);
        Assert.Contains("AT$QCRMCALL=1,1,1,2,1", heard);
        Assert.Equal(0, harness.AtPort!.HandlerFailures);
    }

    [Fact]
    public async Task Sim7600_Connect_ReportsTheNetworksAddressesBesideDhcp()
    {
        await using var harness = await StartSim7600Async(Internet with { AutoConnect = false });
        await harness.WaitForAsync(s => s.State == ModemState.Registered && s.StateReason?.Contains("does not connect", StringComparison.Ordinal) == true, "registered and idle");

        var settings = await harness.Backend.ConnectAsync(Internet, CancellationToken.None);

        var session = Assert.Single(harness.Modem.Sessions);
        Assert.True(settings.ByDhcp);
        Assert.Null(settings.Ipv4Address);
        Assert.Equal(session.Ipv4, settings.NetworkAssigned!.Ipv4Address);
        Assert.Equal(24, settings.NetworkAssigned.Ipv4PrefixLength);
        Assert.Equal(session.Ipv4Gateway, settings.NetworkAssigned.Ipv4Gateway);
        Assert.Equal(session.Dns.Where(d => d.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork), settings.NetworkAssigned.Dns);
    }

    [Fact]
    public async Task Stopping_EndsTheCallOnTheModem()
    {
        await using var harness = await StartSim7600Async(Internet);
        await harness.WaitForStateAsync(ModemState.Connected);

        await harness.StopAsync();

        Assert.Empty(harness.Modem.Sessions);
        Assert.Contains("AT$QCRMCALL=0,1,1,2,1", Heard(harness));
        Assert.Equal(ModemState.Registered, harness.Lifecycle.Snapshot.State);
    }

    [Fact]
    public async Task PinLocked_WithoutPin_LockedWithSpicTries_ThenAPinUnlocks()
    {
        await using var harness = await StartSim7600Async(Internet, adjust: PinLocked);

        var locked = await harness.WaitForStateAsync(ModemState.Locked);
        Assert.Contains("wants its PIN (3 tries left)", locked.StateReason, StringComparison.Ordinal);
        Assert.Contains("AT+SPIC", Heard(harness));
        Assert.NotNull(locked.Iccid);

        harness.Lifecycle.ProvidePin(harness.Modem.Sim.Pin);

        await harness.WaitForStateAsync(ModemState.Connected);
        Assert.Equal(SimState.Ready, harness.Modem.Sim.State);
    }

    [Fact]
    public async Task PinLocked_ProfilePin_Unlocks()
    {
        var pin = Profiles.Get(Sim7600).Sim.Pin;
        await using var harness = await StartSim7600Async(Internet with { Pin = pin }, adjust: PinLocked);

        await harness.WaitForStateAsync(ModemState.Connected);

        Assert.Equal(SimCard.DefaultPinRetries, harness.Modem.Sim.PinRetries);
    }

    [Fact]
    public async Task WrongProfilePin_LockedWithTriesLeft_ExactlyOneTrySpent()
    {
        await using var harness = await StartSim7600Async(Internet with { Pin = "0000" }, adjust: PinLocked);

        var locked = await harness.WaitForStateAsync(ModemState.Locked);

        Assert.Contains("profile's PIN was refused", locked.StateReason, StringComparison.Ordinal);
        Assert.Contains("2 tries left", locked.StateReason, StringComparison.Ordinal);
        Assert.Equal(SimCard.DefaultPinRetries - 1, harness.Modem.Sim.PinRetries);
        Assert.Single(Heard(harness), line => line.StartsWith("AT+CPIN=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ProfilePinWithLetters_NeverSent_NoTrySpent()
    {
        await using var harness = await StartSim7600Async(Internet with { Pin = "12a4" }, adjust: PinLocked);

        var locked = await harness.WaitForStateAsync(ModemState.Locked);

        Assert.Contains("profile's PIN was refused", locked.StateReason, StringComparison.Ordinal);
        Assert.Equal(SimCard.DefaultPinRetries, harness.Modem.Sim.PinRetries);
        Assert.DoesNotContain(Heard(harness), line => line.StartsWith("AT+CPIN=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegistrationLostAndBack_ToldByUrcs_SearchesThenConnectsAgain()
    {
        // Polls far beyond the test's length: only the +CREG/+CEREG URCs can move the lifecycle.
        var urcOnly = LifecycleHarness.Fast with { SignalPoll = TimeSpan.FromHours(1), RegistrationPoll = TimeSpan.FromHours(1) };
        await using var harness = await StartSim7600Async(Internet, urcOnly);
        await harness.WaitForStateAsync(ModemState.Connected);

        harness.Modem.SetRegistration(RegistrationState.Searching);
        var searching = await harness.WaitForStateAsync(ModemState.Searching);
        Assert.Contains("registration was lost", searching.StateReason, StringComparison.Ordinal);
        harness.Modem.SetRegistration(RegistrationState.Home);

        await harness.WaitForStateAsync(ModemState.Connected);
        Assert.Single(harness.Modem.Sessions);
    }

    [Fact]
    public async Task Unplugged_Fails()
    {
        await using var harness = await StartSim7600Async(Internet);
        await harness.WaitForStateAsync(ModemState.Connected);

        await harness.UnplugAsync();

        var failed = await harness.WaitForStateAsync(ModemState.Failed);
        Assert.Contains("/dev/ttyUSB2", failed.StateReason, StringComparison.Ordinal);
        await harness.Running.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ApnWithCommandInjection_RefusedWithAReason_NothingReachesThePort()
    {
        await using var harness = await StartSim7600Async(Internet with { Apn = "internet\"\r\nAT+CFUN=0" });

        var refused = await harness.WaitForAsync(s => s.StateReason?.Contains("fix the profile", StringComparison.Ordinal) == true, "the profile refused, no retry");

        Assert.Equal(ModemState.Registered, refused.State);
        Assert.Equal(0, refused.ReconnectAttempts); // an invalid profile is not retried: only a change to it can help
        Assert.Contains("APN", refused.StateReason, StringComparison.Ordinal);
        Assert.Contains("refused", refused.StateReason, StringComparison.Ordinal);
        Assert.Contains("not sent", refused.StateReason, StringComparison.Ordinal);
        var heard = Heard(harness);
        Assert.DoesNotContain(heard, line => line.Contains("CFUN=0", StringComparison.Ordinal));
        Assert.DoesNotContain(heard, line => line.StartsWith("AT+CGDCONT=", StringComparison.Ordinal));
        Assert.DoesNotContain(heard, line => line.StartsWith("AT$QCRMCALL=1", StringComparison.Ordinal));
        Assert.Equal(OperatingMode.Online, harness.Modem.Mode);
        Assert.Empty(harness.Modem.Sessions);
    }

    [Fact]
    public async Task RefusedApn_ConnectRefused_ThenRetries()
    {
        await using var harness = await StartSim7600Async(Internet with { Apn = "not.allowed" });

        var refused = await harness.WaitForAsync(s => s.ReconnectAttempts >= 1, "a refused connect attempt");

        Assert.Contains("was refused", refused.StateReason, StringComparison.Ordinal);
        Assert.Contains("/dev/ttyUSB2", refused.StateReason, StringComparison.Ordinal);
        Assert.Empty(harness.Modem.Sessions);
    }

    [Fact]
    public async Task NoSim_Fails()
    {
        await using var harness = await StartSim7600Async(Internet, adjust: p => p with { Sim = p.Sim with { State = SimState.Absent } });

        var failed = await harness.WaitForStateAsync(ModemState.Failed);

        Assert.Contains("no SIM", failed.StateReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DefaultModem_GenericCgact_Connects()
    {
        await using var harness = await LifecycleHarness.StartAsync("default", Internet, protocol: "at");

        var connected = await harness.WaitForStateAsync(ModemState.Connected);

        Assert.Equal("dhcp", connected.Ip!.Method);
        Assert.Single(harness.Modem.Sessions);
        Assert.Contains("AT+CGACT=1,1", Heard(harness));
    }

    [Theory]
    [InlineData("ec200t-ecm", WwanDaemon.At.Parsers.QuectelNetDeviceLayout.OperationFirst, "AT+QNETDEVCTL=1,1,1", "AT+QNETDEVCTL=0,1,1")]
    [InlineData("rg500u-ncm", WwanDaemon.At.Parsers.QuectelNetDeviceLayout.ContextFirst, "AT+QNETDEVCTL=1,1,1", "AT+QNETDEVCTL=1,0,1")]
    public async Task Quectel_QnetdevctlInTheChipsetsLayout_ConnectsAndStops(string profile, WwanDaemon.At.Parsers.QuectelNetDeviceLayout layout, string start, string stop)
    {
        await using var harness = await LifecycleHarness.StartAsync(profile, Internet, protocol: "at", dataCall: AtDataCallDialect.QuectelQnetdevctl, quectelLayout: layout,
            adjust: p => p with { Sim = p.Sim with { State = SimState.PinRequired } });

        var locked = await harness.WaitForStateAsync(ModemState.Locked);
        Assert.Contains("3 tries left", locked.StateReason, StringComparison.Ordinal);
        harness.Lifecycle.ProvidePin(harness.Modem.Sim.Pin);
        var connected = await harness.WaitForStateAsync(ModemState.Connected);
        await harness.StopAsync();

        Assert.Equal("dhcp", connected.Ip!.Method);
        Assert.Equal(harness.Modem.Sim.Iccid, connected.Iccid);
        var heard = Heard(harness);
        Assert.Contains("AT+QPINC?", heard);
        Assert.Contains("AT+QCCID", heard);
        Assert.Contains(start, heard);
        Assert.Contains(stop, heard);
        Assert.Empty(harness.Modem.Sessions);
    }

    [Fact]
    public async Task Huawei_NetworkEndsTheCall_NdisstatUrc_Reconnects()
    {
        // Polls far beyond the test's length: only the ^NDISSTAT URC can tell that the call ended.
        var urcOnly = LifecycleHarness.Fast with { SignalPoll = TimeSpan.FromHours(1), RegistrationPoll = TimeSpan.FromHours(1) };
        await using var harness = await LifecycleHarness.StartAsync("me909s-ncm", Internet, urcOnly, protocol: "at", dataCall: AtDataCallDialect.HuaweiNdisdup);
        await harness.WaitForStateAsync(ModemState.Connected);
        var first = Assert.Single(harness.Modem.Sessions);
        Assert.Contains("AT^NDISDUP=1,1,\"internet\"", Heard(harness));
        var since = harness.Published.Count;

        harness.Modem.StopSession(first.Handle);

        await harness.WaitForPublishedAsync(since, s => s.ReconnectAttempts == 1, "a reconnect attempt after ^NDISSTAT");
        await harness.WaitForAsync(s => s.State == ModemState.Connected && s.ReconnectAttempts == 0, "connected again");
        Assert.Single(harness.Modem.Sessions);
    }

    [Fact]
    public async Task Huawei_WrongPin_TriesFromCaretCpin()
    {
        await using var harness = await LifecycleHarness.StartAsync("me909s-ncm", Internet with { Pin = "0000" }, protocol: "at", dataCall: AtDataCallDialect.HuaweiNdisdup, adjust: PinLocked);

        var locked = await harness.WaitForStateAsync(ModemState.Locked);

        Assert.Contains("2 tries left", locked.StateReason, StringComparison.Ordinal);
        Assert.Contains("AT^CPIN?", Heard(harness));
        Assert.Equal(harness.Modem.Sim.Iccid, locked.Iccid);
    }
}
