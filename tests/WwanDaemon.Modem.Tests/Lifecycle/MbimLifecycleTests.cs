using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Modem.Tests.Lifecycle;

public sealed class MbimLifecycleTests
{
    private static readonly ConnectionProfile Internet = new() { Apn = "internet" };

    [Fact]
    public async Task DefaultModem_WalksToConnected_WithTheIpConfiguration()
    {
        await using var harness = await LifecycleHarness.StartAsync("default", Internet, protocol: "mbim");

        var connected = await harness.WaitForStateAsync(ModemState.Connected);

        var session = Assert.Single(harness.Modem.Sessions);
        Assert.StartsWith($"{session.Ipv4}/", connected.Ip!.Address, StringComparison.Ordinal);
        Assert.Equal(session.Ipv4Gateway!.ToString(), connected.Ip.Gateway);
        Assert.Contains(session.Dns[0].ToString(), connected.Ip.Dns);
        Assert.Equal("mbim", connected.ControlProtocol);
        Assert.Equal(harness.Modem.Profile.Imei, connected.Imei);
        Assert.Equal(harness.Modem.Profile.Model, connected.Model);
    }

    [Fact]
    public async Task Em7355FccLocked_UnlockedThroughQmiOverMbim_ThenConnected()
    {
        await using var harness = await LifecycleHarness.StartAsync("em7355-fcc-locked", Internet, fccUnlock: true, protocol: "mbim");

        await harness.WaitForStateAsync(ModemState.Connected);

        Assert.False(harness.Modem.FccLocked);
    }

    [Fact]
    public async Task Em7355FccLocked_WithoutTheQuirk_FailsNamingTheFccLock()
    {
        await using var harness = await LifecycleHarness.StartAsync("em7355-fcc-locked", Internet, protocol: "mbim");

        var failed = await harness.WaitForStateAsync(ModemState.Failed);

        Assert.Contains("FCC-locked", failed.StateReason, StringComparison.Ordinal);
        Assert.True(harness.Modem.FccLocked);
    }

    [Fact]
    public async Task PinLocked_ProfilePin_Unlocks()
    {
        var pin = Profiles.Get("pin-locked").Sim.Pin;
        await using var harness = await LifecycleHarness.StartAsync("pin-locked", Internet with { Pin = pin }, protocol: "mbim");

        await harness.WaitForStateAsync(ModemState.Connected);
    }

    [Fact]
    public async Task WrongProfilePin_LockedWithTriesLeft_OneTrySpent()
    {
        await using var harness = await LifecycleHarness.StartAsync("pin-locked", Internet with { Pin = "0000" }, protocol: "mbim");

        var locked = await harness.WaitForStateAsync(ModemState.Locked);

        Assert.Contains("profile's PIN was refused", locked.StateReason, StringComparison.Ordinal);
        Assert.Equal(SimCard.DefaultPinRetries - 1, harness.Modem.Sim.PinRetries);
    }

    [Fact]
    public async Task NetworkEndsTheSession_Reconnects()
    {
        await using var harness = await LifecycleHarness.StartAsync("default", Internet, protocol: "mbim");
        await harness.WaitForStateAsync(ModemState.Connected);
        var first = Assert.Single(harness.Modem.Sessions);
        var since = harness.Published.Count;

        harness.Modem.StopSession(first.Handle);

        await harness.WaitForPublishedAsync(since, s => s.ReconnectAttempts == 1, "a reconnect attempt after the drop");
        await harness.WaitForAsync(s => s.State == ModemState.Connected && s.ReconnectAttempts == 0, "connected again");
    }

    [Fact]
    public async Task RegistrationLostAndBack_SearchesThenConnectsAgain()
    {
        await using var harness = await LifecycleHarness.StartAsync("default", Internet, protocol: "mbim");
        await harness.WaitForStateAsync(ModemState.Connected);

        harness.Modem.SetRegistration(RegistrationState.Searching);
        await harness.WaitForStateAsync(ModemState.Searching);
        harness.Modem.SetRegistration(RegistrationState.Home);

        await harness.WaitForStateAsync(ModemState.Connected);
    }

    [Fact]
    public async Task Unplugged_Fails()
    {
        await using var harness = await LifecycleHarness.StartAsync("default", Internet, protocol: "mbim");
        await harness.WaitForStateAsync(ModemState.Connected);

        await harness.UnplugAsync();

        await harness.WaitForStateAsync(ModemState.Failed);
        await harness.Running.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
