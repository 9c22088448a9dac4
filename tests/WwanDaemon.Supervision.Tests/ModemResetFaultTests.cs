using WwanDaemon.Composition.Planning;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Mbim;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Qmi;

namespace WwanDaemon.Supervision.Tests;

/// <summary>
/// A firmware restart while the daemon is connecting: the modem forgets the host (MBIM: the function
/// is closed; QMI: every client id is gone) and ends its sessions. The daemon must notice and bring
/// the modem back to Connected on its own, with one session on the modem.
/// </summary>
public sealed class ModemResetFaultTests
{
    private static readonly TimeSpan HeldAnswer = TimeSpan.FromMilliseconds(600);

    [Fact]
    public async Task ModemReset_WhileMbimConnectIsInFlight_ReconnectsWithOneSession()
    {
        await using var fleet = await MachineFleet.StartAsync();
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        var device = await fleet.PlugAsync(modem, "2-6");
        device.Faults.Mbim.Add(new MbimFault("basic-connect", "Connect", MbimFaultKind.Delay, HeldAnswer));

        await fleet.WaitForPublishedAsync("2-6", 0, m => m.State == ModemState.Connecting, "connecting");
        var since = fleet.StatesOf("2-6").Count;
        modem.Reset();

        await fleet.WaitForStateAsync("2-6", ModemState.Connected);
        await Recovery.AssertStaysConnectedAsync(fleet, modem, "2-6", since);
    }

    [Fact]
    public async Task ModemReset_WhileQmiStartNetworkIsInFlight_ReconnectsWithOneSession()
    {
        await using var fleet = await MachineFleet.StartAsync(CompositionPolicy.PreferQmi);
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        var device = await fleet.PlugAsync(modem, "2-6");
        device.Faults.Qmi.Add(new QmiFault("wds", "Start Network", QmiFaultKind.Delay, HeldAnswer));

        await fleet.WaitForPublishedAsync("2-6", 0, m => m.State == ModemState.Connecting, "connecting");
        var since = fleet.StatesOf("2-6").Count;
        modem.Reset();

        await fleet.WaitForStateAsync("2-6", ModemState.Connected);
        Assert.Equal("qmi", fleet.Fleet.Find("2-6")!.ControlProtocol);
        await Recovery.AssertStaysConnectedAsync(fleet, modem, "2-6", since);
    }

    [Fact]
    public async Task ModemReset_WhileConnectedOverQmi_ReconnectsWithOneSession()
    {
        await using var fleet = await MachineFleet.StartAsync(CompositionPolicy.PreferQmi);
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        await fleet.PlugAsync(modem, "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);
        var before = Assert.Single(modem.Sessions);

        var since = fleet.StatesOf("2-6").Count;
        modem.Reset();

        await fleet.WaitForAsync("2-6", m => m.State == ModemState.Connected && modem.Sessions.Count == 1 && modem.Sessions[0].Handle != before.Handle,
            "connected again on a new session");
        await Recovery.AssertStaysConnectedAsync(fleet, modem, "2-6", since);
    }

    [Fact]
    public async Task ModemReset_WhileConnectedOverMbim_ReconnectsWithOneSession()
    {
        await using var fleet = await MachineFleet.StartAsync();
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        await fleet.PlugAsync(modem, "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);
        var before = Assert.Single(modem.Sessions);

        var since = fleet.StatesOf("2-6").Count;
        modem.Reset();

        await fleet.WaitForAsync("2-6", m => m.State == ModemState.Connected && modem.Sessions.Count == 1 && modem.Sessions[0].Handle != before.Handle,
            "connected again on a new session");
        await Recovery.AssertStaysConnectedAsync(fleet, modem, "2-6", since);
    }
}
