using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Modem.Tests.Lifecycle;

/// <summary>
/// The commands (IModemCommands through ModemLifecycle) against the simulated modem, per protocol:
/// the real QMI, MBIM and AT backends on in-memory links.
/// </summary>
public sealed class LifecycleCommandTests
{
    private static readonly ConnectionProfile Internet = new() { Apn = "internet" };
    private static readonly ConnectionProfile Manual = Internet with { AutoConnect = false };

    /// <summary>The default modem, also serving the APN "work.example".</summary>
    private static ModemProfile TwoApns(ModemProfile profile) => profile with { AllowedApns = ["internet", "work.example"] };

    private static Task<LifecycleHarness> StartAsync(string protocol, ConnectionProfile connection, string modem = "default", ModemLifecycleOptions? options = null) =>
        LifecycleHarness.StartAsync(modem, connection, options, protocol: protocol, adjust: TwoApns);

    private static Task<ModemSnapshot> IdleAsync(LifecycleHarness harness) =>
        harness.WaitForAsync(s => s.State == ModemState.Registered && s.StateReason?.Contains("does not connect", StringComparison.Ordinal) == true, "registered and idle");

    [Theory]
    [InlineData("qmi")]
    [InlineData("mbim")]
    [InlineData("at")]
    public async Task Connect_WithAnExplicitRequest_ConnectsWithItsSettings_AndReportsTheSession(string protocol)
    {
        await using var harness = await StartAsync(protocol, Manual);
        await IdleAsync(harness);

        await harness.CommandAsync(l => l.ConnectAsync(new ConnectRequest("work.example"), CancellationToken.None));

        var connected = harness.Lifecycle.Snapshot;
        Assert.Equal(ModemState.Connected, connected.State);
        Assert.Equal("work.example", Assert.Single(harness.Modem.Sessions).Apn);
        Assert.Equal(new ConnectRequest("work.example"), connected.Connection);
        Assert.NotNull(connected.ConnectedSince);
        Assert.NotNull(connected.Ip);
        Assert.Null(connected.LastConnectionError);
    }

    [Theory]
    [InlineData("qmi")]
    [InlineData("mbim")]
    [InlineData("at")]
    public async Task Connect_RefusedByTheNetwork_FailsWithTheModemsReason_AndLeavesTheModemIdle(string protocol)
    {
        await using var harness = await StartAsync(protocol, Manual);
        await IdleAsync(harness);

        var error = await Assert.ThrowsAsync<ModemCommandException>(() => harness.CommandAsync(l => l.ConnectAsync(new ConnectRequest("bogus"), CancellationToken.None)));

        Assert.Equal(ModemCommandError.ConnectFailed, error.Error);
        Assert.Contains("1-6", error.Message, StringComparison.Ordinal);
        await Task.Delay(300); // several backoff periods of the fast options: no retry loop follows
        var after = harness.Lifecycle.Snapshot;
        Assert.Equal(ModemState.Registered, after.State);
        Assert.Equal(0, after.ReconnectAttempts);
        Assert.NotNull(after.LastConnectionError);
        Assert.Empty(harness.Modem.Sessions);
        Assert.Equal(ModemStep.Registered, harness.Lifecycle.Step);
    }

    [Fact]
    public async Task Connect_RefusedWhileTheProfileAutoConnects_FallsBackToTheProfile()
    {
        await using var harness = await StartAsync("qmi", Internet);
        await harness.WaitForStateAsync(ModemState.Connected);

        var error = await Assert.ThrowsAsync<ModemCommandException>(() => harness.CommandAsync(l => l.ConnectAsync(new ConnectRequest("bogus"), CancellationToken.None)));

        Assert.Equal(ModemCommandError.ConnectFailed, error.Error);
        var back = await harness.WaitForAsync(s => s.State == ModemState.Connected && s.Connection?.Apn == "internet", "connected again with the profile");
        Assert.Equal("internet", Assert.Single(harness.Modem.Sessions).Apn);
        Assert.NotNull(back.ConnectedSince);
    }

    [Theory]
    [InlineData("qmi")]
    [InlineData("mbim")]
    public async Task Connect_WhileConnectedWithOtherSettings_ReconnectsWithTheNewOnes(string protocol)
    {
        await using var harness = await StartAsync(protocol, Internet);
        await harness.WaitForStateAsync(ModemState.Connected);

        await harness.CommandAsync(l => l.ConnectAsync(new ConnectRequest("work.example"), CancellationToken.None));

        Assert.Equal("work.example", Assert.Single(harness.Modem.Sessions).Apn);
        Assert.Equal("work.example", harness.Lifecycle.Snapshot.Connection!.Apn);
        Assert.Equal(ModemState.Connected, harness.Lifecycle.Snapshot.State);
    }

    [Fact]
    public async Task Connect_WithTheSameSettings_WhileConnected_CompletesWithoutANewSession()
    {
        await using var harness = await StartAsync("qmi", Internet);
        await harness.WaitForStateAsync(ModemState.Connected);
        var first = Assert.Single(harness.Modem.Sessions);

        await harness.CommandAsync(l => l.ConnectAsync(new ConnectRequest("internet", AllowRoaming: false), CancellationToken.None));

        Assert.Equal(first.Handle, Assert.Single(harness.Modem.Sessions).Handle);
    }

    [Fact]
    public async Task Connect_WithAnInvalidApn_FailsWithInvalidArguments_AndSendsNothing()
    {
        await using var harness = await StartAsync("at", Manual);
        await IdleAsync(harness);

        var error = Assert.Throws<ModemCommandException>(() => { _ = harness.Lifecycle.ConnectAsync(new ConnectRequest("bad\"apn"), CancellationToken.None); });

        Assert.Equal(ModemCommandError.InvalidArguments, error.Error);
        Assert.Contains("apn", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.AtPort!.HeardLines, line => line.Contains("bad", StringComparison.Ordinal));
        Assert.Equal(ModemState.Registered, harness.Lifecycle.Snapshot.State);
    }

    [Fact]
    public async Task Connect_WhileNotRegistered_FailsWithNoNetwork_AfterItsBound()
    {
        var options = LifecycleHarness.Fast with { ConnectWaitsForRegistration = TimeSpan.FromMilliseconds(300) };
        await using var harness = await StartAsync("qmi", Manual, "denied", options);
        await harness.WaitForAsync(s => s.Registration == Registration.Denied, "registration denied");

        var error = await Assert.ThrowsAsync<ModemCommandException>(() => harness.CommandAsync(l => l.ConnectAsync(new ConnectRequest("internet"), CancellationToken.None)));

        Assert.Equal(ModemCommandError.NoNetwork, error.Error);
        Assert.Empty(harness.Modem.Sessions);
    }

    [Fact]
    public async Task Connect_WhileSearching_WaitsForTheRegistration_ThenConnects()
    {
        await using var harness = await StartAsync("qmi", Manual, "slow-network");
        await harness.WaitForStateAsync(ModemState.Searching);

        await harness.CommandAsync(l => l.ConnectAsync(new ConnectRequest("internet"), CancellationToken.None));

        Assert.Equal(ModemState.Connected, harness.Lifecycle.Snapshot.State);
    }

    [Theory]
    [InlineData("qmi")]
    [InlineData("mbim")]
    [InlineData("at")]
    public async Task Disconnect_EndsTheSession_AndStaysDisconnectedAcrossPolls(string protocol)
    {
        await using var harness = await StartAsync(protocol, Internet);
        await harness.WaitForStateAsync(ModemState.Connected);

        await harness.CommandAsync(l => l.DisconnectAsync(CancellationToken.None));

        var disconnected = harness.Lifecycle.Snapshot;
        Assert.Equal(ModemState.Registered, disconnected.State);
        Assert.Contains("disconnected on request", disconnected.StateReason, StringComparison.Ordinal);
        Assert.Null(disconnected.Ip);
        Assert.Null(disconnected.ConnectedSince);
        Assert.Empty(harness.Modem.Sessions);
        await Task.Delay(LifecycleHarness.Fast.SignalPoll * 4); // the auto-connecting profile must not bring it back
        Assert.Equal(ModemState.Registered, harness.Lifecycle.Snapshot.State);
        Assert.Empty(harness.Modem.Sessions);
    }

    [Fact]
    public async Task Disconnect_StaysDisconnected_WhenRegistrationIsLostAndBack_UntilTheNextConnect()
    {
        await using var harness = await StartAsync("qmi", Internet);
        await harness.WaitForStateAsync(ModemState.Connected);
        await harness.CommandAsync(l => l.DisconnectAsync(CancellationToken.None));

        harness.Modem.SetRegistration(RegistrationState.Searching);
        await harness.WaitForStateAsync(ModemState.Searching);
        harness.Modem.SetRegistration(RegistrationState.Home);
        await harness.WaitForAsync(s => s.State == ModemState.Registered && s.StateReason?.Contains("disconnected on request", StringComparison.Ordinal) == true, "registered, still disconnected");
        Assert.Empty(harness.Modem.Sessions);

        await harness.CommandAsync(l => l.ConnectAsync(new ConnectRequest("internet"), CancellationToken.None));
        Assert.Single(harness.Modem.Sessions);
    }

    [Fact]
    public async Task Disconnect_WhenNotConnected_IsNoError()
    {
        await using var harness = await StartAsync("qmi", Manual);
        await IdleAsync(harness);

        await harness.CommandAsync(l => l.DisconnectAsync(CancellationToken.None));

        Assert.Equal(ModemState.Registered, harness.Lifecycle.Snapshot.State);
    }

    [Theory]
    [InlineData("qmi")]
    [InlineData("mbim")]
    [InlineData("at")]
    public async Task Disable_EndsTheSessionAndTurnsTheRadioOff_EnableRegistersAndAutoConnects(string protocol)
    {
        await using var harness = await StartAsync(protocol, Internet);
        await harness.WaitForStateAsync(ModemState.Connected);

        await harness.CommandAsync(l => l.SetEnabledAsync(false, CancellationToken.None));

        var disabled = harness.Lifecycle.Snapshot;
        Assert.Equal(ModemState.Disabled, disabled.State);
        Assert.Equal(3, (int)disabled.State); // ModemManager's MM_MODEM_STATE_DISABLED
        Assert.Null(disabled.Ip);
        Assert.Null(disabled.Registration);
        Assert.Empty(harness.Modem.Sessions);
        Assert.NotEqual(OperatingMode.Online, harness.Modem.Mode);
        var error = await Assert.ThrowsAsync<ModemCommandException>(() => harness.CommandAsync(l => l.ConnectAsync(new ConnectRequest("internet"), CancellationToken.None)));
        Assert.Equal(ModemCommandError.WrongState, error.Error);

        await harness.CommandAsync(l => l.SetEnabledAsync(true, CancellationToken.None));

        await harness.WaitForStateAsync(ModemState.Connected);
        Assert.Equal(OperatingMode.Online, harness.Modem.Mode);
        Assert.Single(harness.Modem.Sessions);
    }

    [Fact]
    public async Task Enable_AfterTheUserDisconnected_RegistersWithoutConnecting()
    {
        await using var harness = await StartAsync("qmi", Internet);
        await harness.WaitForStateAsync(ModemState.Connected);
        await harness.CommandAsync(l => l.DisconnectAsync(CancellationToken.None));
        await harness.CommandAsync(l => l.SetEnabledAsync(false, CancellationToken.None));

        await harness.CommandAsync(l => l.SetEnabledAsync(true, CancellationToken.None));

        await harness.WaitForAsync(s => s.State == ModemState.Registered && s.StateReason?.Contains("disconnected on request", StringComparison.Ordinal) == true, "registered, not connected");
        Assert.Empty(harness.Modem.Sessions);
    }

    [Theory]
    [InlineData("qmi")]
    [InlineData("mbim")]
    [InlineData("at")]
    public async Task SendPin_Wrong_FailsWithIncorrectPin_CostsOneTry_StaysLocked_ThenTheRightOneConnects(string protocol)
    {
        await using var harness = await StartAsync(protocol, Internet, "pin-locked");
        var locked = await harness.WaitForStateAsync(ModemState.Locked);
        Assert.Equal(SimLock.PinRequired, locked.SimLock);
        Assert.Equal(SimCard.DefaultPinRetries, locked.PinRetries);

        var error = await Assert.ThrowsAsync<ModemCommandException>(() => harness.CommandAsync(l => l.SendPinAsync("0000", CancellationToken.None)));

        Assert.Equal(ModemCommandError.IncorrectPin, error.Error);
        Assert.Equal(SimCard.DefaultPinRetries - 1, harness.Modem.Sim.PinRetries);
        var still = await harness.WaitForAsync(s => s.State == ModemState.Locked && s.PinRetries == SimCard.DefaultPinRetries - 1, "locked with one try less");
        Assert.Contains("2 tries left", still.StateReason, StringComparison.Ordinal);

        await harness.CommandAsync(l => l.SendPinAsync(harness.Modem.Sim.Pin, CancellationToken.None));

        var connected = await harness.WaitForStateAsync(ModemState.Connected);
        Assert.Equal(SimLock.Ready, connected.SimLock);
    }

    [Fact]
    public async Task Connect_WhileLocked_WithoutAPin_FailsWithSimPinRequired_WithOne_UnlocksAndConnects()
    {
        await using var harness = await StartAsync("qmi", Manual, "pin-locked");
        await harness.WaitForStateAsync(ModemState.Locked);

        var error = await Assert.ThrowsAsync<ModemCommandException>(() => harness.CommandAsync(l => l.ConnectAsync(new ConnectRequest("internet"), CancellationToken.None)));
        Assert.Equal(ModemCommandError.SimPinRequired, error.Error);
        Assert.Equal(SimCard.DefaultPinRetries, harness.Modem.Sim.PinRetries);

        await harness.CommandAsync(l => l.ConnectAsync(new ConnectRequest("internet", Pin: harness.Modem.Sim.Pin), CancellationToken.None));

        Assert.Equal(ModemState.Connected, harness.Lifecycle.Snapshot.State);
        Assert.Null(harness.Lifecycle.Snapshot.Connection!.Pin); // the PIN is never shown
    }

    [Fact]
    public async Task SendPin_WhenNotLocked_FailsWithWrongState()
    {
        await using var harness = await StartAsync("qmi", Internet);
        await harness.WaitForStateAsync(ModemState.Connected);

        var error = await Assert.ThrowsAsync<ModemCommandException>(() => harness.CommandAsync(l => l.SendPinAsync("1234", CancellationToken.None)));

        Assert.Equal(ModemCommandError.WrongState, error.Error);
        Assert.Equal(ModemState.Connected, harness.Lifecycle.Snapshot.State);
    }

    [Fact]
    public async Task Commands_AfterTheWalkEnded_FailWithWrongState()
    {
        await using var harness = await StartAsync("qmi", Internet);
        await harness.WaitForStateAsync(ModemState.Connected);
        await harness.UnplugAsync();
        await harness.Running.WaitAsync(TimeSpan.FromSeconds(10));

        var error = Assert.Throws<ModemCommandException>(() => { _ = harness.Lifecycle.DisconnectAsync(CancellationToken.None); });

        Assert.Equal(ModemCommandError.WrongState, error.Error);
    }

    [Theory]
    [InlineData("qmi", AccessTechnology.Lte)]
    [InlineData("mbim", AccessTechnology.Lte)]
    [InlineData("at", AccessTechnology.Lte)]
    public async Task Registered_TheSnapshotCarriesRssiAccessTechnologyAndRegistration(string protocol, AccessTechnology technology)
    {
        await using var harness = await StartAsync(protocol, Internet);

        var connected = await harness.WaitForAsync(s => s.State == ModemState.Connected && s.SignalRssiDbm is not null, "connected with a signal reading");

        Assert.Equal(Registration.Home, connected.Registration);
        Assert.Equal(technology, connected.AccessTechnology);
        Assert.InRange(connected.SignalRssiDbm!.Value, harness.Modem.Signal.RssiDbm - 1, harness.Modem.Signal.RssiDbm + 1); // MBIM/+CSQ codes have 2 dB steps
        Assert.Equal(SimLock.Ready, connected.SimLock);
        Assert.Equal("internet", connected.Connection!.Apn);
    }
}
