using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Modem.Tests.Lifecycle;

public sealed class QmiLifecycleTests
{
    private static readonly ConnectionProfile Internet = new() { Apn = "internet" };

    [Fact]
    public async Task DefaultModem_WalksToConnected_WithTheSessionsAddresses()
    {
        await using var harness = await LifecycleHarness.StartAsync("default", Internet);

        var connected = await harness.WaitForStateAsync(ModemState.Connected);

        var session = Assert.Single(harness.Modem.Sessions);
        Assert.Equal($"{session.Ipv4}/{24}", connected.Ip!.Address);
        Assert.Equal(session.Ipv4Gateway!.ToString(), connected.Ip.Gateway);
        Assert.Equal(session.Dns.Select(d => d.ToString()), connected.Ip.Dns);
        Assert.False(connected.Ip.Applied);
        Assert.Equal(harness.Modem.Profile.Imei, connected.Imei);
        Assert.Equal("qmi", connected.ControlProtocol);
        Assert.Equal("/dev/cdc-wdm0", connected.ControlPort);
        Assert.True(harness.Modem.RawIp);
        var states = harness.States.Distinct().ToArray();
        Assert.Equal([ModemState.Initializing, ModemState.Enabling, ModemState.Enabled], states.Take(3));
        Assert.Equal([ModemState.Registered, ModemState.Connecting, ModemState.Connected], states.TakeLast(3));
    }

    [Fact]
    public async Task Stopping_EndsTheSessionOnTheModem()
    {
        await using var harness = await LifecycleHarness.StartAsync("default", Internet);
        await harness.WaitForStateAsync(ModemState.Connected);

        await harness.StopAsync();

        Assert.Empty(harness.Modem.Sessions);
        Assert.Equal(ModemState.Registered, harness.Lifecycle.Snapshot.State);
        Assert.Null(harness.Lifecycle.Snapshot.Ip);
    }

    [Fact]
    public async Task PinLockedSim_WithoutPin_IsLockedWithAReason_ThenAPinUnlocksIt()
    {
        await using var harness = await LifecycleHarness.StartAsync("pin-locked", Internet);

        var locked = await harness.WaitForStateAsync(ModemState.Locked);
        Assert.Contains("wants its PIN (3 tries left)", locked.StateReason, StringComparison.Ordinal);
        Assert.Contains("wwanctl pin", locked.StateReason, StringComparison.Ordinal);

        harness.Lifecycle.ProvidePin(harness.Modem.Sim.Pin);

        await harness.WaitForStateAsync(ModemState.Connected);
        Assert.Equal(SimState.Ready, harness.Modem.Sim.State);
    }

    [Fact]
    public async Task ProfilePin_UnlocksTheSim()
    {
        var pin = Profiles.Get("pin-locked").Sim.Pin;
        await using var harness = await LifecycleHarness.StartAsync("pin-locked", Internet with { Pin = pin });

        await harness.WaitForStateAsync(ModemState.Connected);

        Assert.DoesNotContain(ModemState.Locked, harness.States);
    }

    [Fact]
    public async Task WrongProfilePin_IsTriedOnce_AndLeavesTheModemLockedWithTheReason()
    {
        await using var harness = await LifecycleHarness.StartAsync("pin-locked", Internet with { Pin = "0000" });

        var locked = await harness.WaitForStateAsync(ModemState.Locked);

        Assert.Contains("profile's PIN was refused", locked.StateReason, StringComparison.Ordinal);
        Assert.Contains("2 tries left", locked.StateReason, StringComparison.Ordinal);
        Assert.Equal(SimCard.DefaultPinRetries - 1, harness.Modem.Sim.PinRetries); // one try spent, never more
    }

    [Fact]
    public async Task NoSim_FailsWithAReasonAPersonUnderstands()
    {
        await using var harness = await LifecycleHarness.StartAsync("no-sim", Internet);

        var failed = await harness.WaitForStateAsync(ModemState.Failed);

        Assert.Contains("no SIM card", failed.StateReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongApn_RetriesWithGrowingBackoff_VisibleInTheState()
    {
        await using var harness = await LifecycleHarness.StartAsync("default", Internet with { Apn = "bogus" });

        var retrying = await harness.WaitForAsync(s => s.ReconnectAttempts >= 3, "three reconnect attempts");

        Assert.Equal(ModemState.Registered, retrying.State);
        Assert.Contains("APN 'bogus'", retrying.StateReason, StringComparison.Ordinal);
        Assert.Contains("reconnect attempt", retrying.StateReason, StringComparison.Ordinal);
        Assert.Empty(harness.Modem.Sessions);
    }

    [Fact]
    public async Task NetworkEndsTheSession_TheModemReconnects()
    {
        await using var harness = await LifecycleHarness.StartAsync("default", Internet);
        await harness.WaitForStateAsync(ModemState.Connected);
        var first = Assert.Single(harness.Modem.Sessions);
        var since = harness.Published.Count;

        harness.Modem.StopSession(first.Handle); // the network side ends it: WDS Packet Service Status "disconnected"

        await harness.WaitForPublishedAsync(since, s => s.ReconnectAttempts == 1, "a reconnect attempt after the drop");
        await harness.WaitForAsync(s => s.State == ModemState.Connected && s.ReconnectAttempts == 0, "connected again");
        var second = Assert.Single(harness.Modem.Sessions);
        Assert.NotEqual(first.Handle, second.Handle);
    }

    [Fact]
    public async Task RegistrationLostAndBack_SearchesThenConnectsAgain()
    {
        await using var harness = await LifecycleHarness.StartAsync("default", Internet);
        await harness.WaitForStateAsync(ModemState.Connected);

        harness.Modem.SetRegistration(RegistrationState.Searching);
        var searching = await harness.WaitForStateAsync(ModemState.Searching);
        Assert.Null(searching.Ip);
        Assert.Contains("registration was lost", searching.StateReason, StringComparison.Ordinal);

        harness.Modem.SetRegistration(RegistrationState.Home);
        await harness.WaitForStateAsync(ModemState.Connected);
        Assert.Single(harness.Modem.Sessions);
    }

    [Fact]
    public async Task RegistrationLostDuringABackoff_SearchesSayingWhy()
    {
        // The watch's poll can see the session gone before it hears of the registration: the loss then arrives in
        // the backoff, which must still say why the modem is searching (CI once saw a Searching with no reason).
        var slowBackoff = LifecycleHarness.Fast with { Backoff = new ReconnectBackoff { Initial = TimeSpan.FromSeconds(30), Maximum = TimeSpan.FromSeconds(30), Jitter = 0 } };
        await using var harness = await LifecycleHarness.StartAsync("default", Internet, slowBackoff);
        await harness.WaitForStateAsync(ModemState.Connected);
        var since = harness.Published.Count;
        harness.Modem.StopSession(Assert.Single(harness.Modem.Sessions).Handle);
        await harness.WaitForPublishedAsync(since, s => s.ReconnectAttempts == 1, "the backoff after the drop");

        harness.Modem.SetRegistration(RegistrationState.Searching);

        var searching = await harness.WaitForStateAsync(ModemState.Searching);
        Assert.Contains("registration was lost (searching)", searching.StateReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistrationLostWhileIdle_SearchesSayingWhy()
    {
        await using var harness = await LifecycleHarness.StartAsync("default", connection: null);
        await harness.WaitForStateAsync(ModemState.Registered);

        harness.Modem.SetRegistration(RegistrationState.Searching);

        var searching = await harness.WaitForStateAsync(ModemState.Searching);
        Assert.Contains("registration was lost (searching)", searching.StateReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FccLockedRadio_WithTheQuirk_IsUnlocked_WithoutIt_FailsSayingWhy()
    {
        await using (var unlocked = await LifecycleHarness.StartAsync("fcc-locked", Internet, fccUnlock: true))
        {
            await unlocked.WaitForStateAsync(ModemState.Connected);
        }
        await using var locked = await LifecycleHarness.StartAsync("fcc-locked", Internet);
        var failed = await locked.WaitForStateAsync(ModemState.Failed);
        Assert.Contains("FCC-locked", failed.StateReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unplugged_FailsWithPortGone_AndTheWalkEnds()
    {
        await using var harness = await LifecycleHarness.StartAsync("default", Internet);
        await harness.WaitForStateAsync(ModemState.Connected);

        await harness.UnplugAsync();

        var failed = await harness.WaitForStateAsync(ModemState.Failed);
        Assert.NotNull(failed.StateReason);
        await harness.Running.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
