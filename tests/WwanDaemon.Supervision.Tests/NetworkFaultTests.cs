using WwanDaemon.Composition.Planning;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Supervision.Tests;

/// <summary>
/// The network side ends things: it tears the session down (MBIM Connect notification deactivated,
/// QMI WDS Packet Service Status disconnected), or coverage goes and comes back. The daemon hears
/// it from the modem's indications and reconnects on its own.
/// </summary>
public sealed class NetworkFaultTests
{
    [Theory]
    [InlineData(CompositionPolicy.PreferMbim)]
    [InlineData(CompositionPolicy.PreferQmi)]
    public async Task NetworkDisconnect_SessionEndedByTheNetwork_ReconnectsOnANewSession(CompositionPolicy policy)
    {
        await using var fleet = await MachineFleet.StartAsync(policy);
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        await fleet.PlugAsync(modem, "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);
        var ended = Assert.Single(modem.Sessions);
        var since = fleet.StatesOf("2-6").Count;

        Assert.Null(modem.StopSession(ended.Handle));

        await fleet.WaitForAsync("2-6", m => m.State == ModemState.Connected && modem.Sessions.Count == 1 && modem.Sessions[0].Handle != ended.Handle,
            "connected again on a new session");
        Assert.Contains(ModemState.Registered, fleet.StatesOf("2-6").Skip(since)); // the backoff between the drop and the reconnect
        await Recovery.AssertStaysConnectedAsync(fleet, modem, "2-6", since);
    }

    [Theory]
    [InlineData(CompositionPolicy.PreferMbim)]
    [InlineData(CompositionPolicy.PreferQmi)]
    public async Task RegistrationLost_ThenBack_SearchesThenReconnects(CompositionPolicy policy)
    {
        await using var fleet = await MachineFleet.StartAsync(policy);
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        await fleet.PlugAsync(modem, "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);
        var since = fleet.StatesOf("2-6").Count;

        modem.SetRegistration(RegistrationState.Searching);

        var searching = await fleet.WaitForStateAsync("2-6", ModemState.Searching);
        Assert.Null(searching.Ip);
        Assert.Empty(modem.Sessions);

        modem.SetRegistration(RegistrationState.Home);

        await Recovery.AssertStaysConnectedAsync(fleet, modem, "2-6", since);
    }
}
