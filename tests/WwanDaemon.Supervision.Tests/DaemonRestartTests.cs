using WwanDaemon.Composition.Planning;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Mbim;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Supervision.Tests;

/// <summary>
/// "systemctl restart wwan-daemon" while a modem is connected: the stopping daemon ends the data
/// session (ModemLifecycle's shutdown disconnect), and the new one finds the modem at coldplug and
/// starts a fresh session: the old session is ended cleanly and replaced, not picked up. When the
/// old daemon could not end it (MBIM only, below), the new daemon's Connect picks it up.
/// </summary>
public sealed class DaemonRestartTests
{
    [Theory]
    [InlineData(CompositionPolicy.PreferMbim)]
    [InlineData(CompositionPolicy.PreferQmi)]
    public async Task DaemonRestart_WhileConnected_OldSessionEndedCleanly_NewDaemonConnectsWithOneSession(CompositionPolicy policy)
    {
        await using var fleet = await MachineFleet.StartAsync(policy);
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        await fleet.PlugAsync(modem, "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);
        var old = Assert.Single(modem.Sessions);

        await fleet.StopDaemonAsync();

        Assert.Empty(modem.Sessions);
        Assert.Equal(ModemState.Registered, fleet.Fleet.Find("2-6")!.State); // "the daemon stopped"

        fleet.StartNewDaemon();

        await Recovery.AssertStaysConnectedAsync(fleet, modem, "2-6", since: 0);
        Assert.NotEqual(old.Handle, modem.Sessions[0].Handle);
        Assert.Empty(fleet.Machine.WriteFailures);
    }

    [Fact]
    public async Task DaemonRestart_StoppingDaemonCouldNotEndTheMbimSession_NewDaemonPicksItUp()
    {
        await using var fleet = await MachineFleet.StartAsync();
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        var device = await fleet.PlugAsync(modem, "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);
        var old = Assert.Single(modem.Sessions);
        // The deactivating Connect goes unanswered: the stopping daemon gives up after its shutdown
        // disconnect time and leaves the session up, as a daemon killed while connected would.
        device.Faults.Mbim.Add(new MbimFault("basic-connect", "Connect", MbimFaultKind.Drop));

        await fleet.StopDaemonAsync();
        Assert.Equal(old, Assert.Single(modem.Sessions));

        fleet.StartNewDaemon();

        // MBIM Connect (activate) on a session id the function has active answers that session: picked up.
        await Recovery.AssertStaysConnectedAsync(fleet, modem, "2-6", since: 0);
        Assert.Equal(old.Handle, modem.Sessions[0].Handle);
    }
}
