using WwanDaemon.Composition.Planning;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Mbim;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Qmi;

namespace WwanDaemon.Supervision.Tests;

/// <summary>
/// Requests the firmware never answers (dropped responses): each ends in the harness's 3 s request
/// timeout, and the daemon carries on from where it was rather than giving the modem up.
/// </summary>
public sealed class TimeoutFaultTests
{
    [Fact]
    public async Task Timeout_MbimConnectUnanswered_RetriedUntilConnected()
    {
        await using var fleet = await MachineFleet.StartAsync();
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        var device = await fleet.PlugAsync(modem, "2-6");
        device.Faults.Mbim.Add(new MbimFault("basic-connect", "Connect", MbimFaultKind.Drop));

        await fleet.WaitForPublishedAsync("2-6", 0, m => m.State == ModemState.Registered && m.ReconnectAttempts > 0, "a reconnect after the unanswered Connect");

        await Recovery.AssertStaysConnectedAsync(fleet, modem, "2-6", since: 0);
    }

    [Fact]
    public async Task Timeout_QmiStartNetworkUnanswered_RetriedUntilConnected()
    {
        await using var fleet = await MachineFleet.StartAsync(CompositionPolicy.PreferQmi);
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        var device = await fleet.PlugAsync(modem, "2-6");
        device.Faults.Qmi.Add(new QmiFault("wds", "Start Network", QmiFaultKind.Drop));

        await fleet.WaitForPublishedAsync("2-6", 0, m => m.State == ModemState.Registered && m.ReconnectAttempts > 0, "a reconnect after the unanswered Start Network");

        await Recovery.AssertStaysConnectedAsync(fleet, modem, "2-6", since: 0);
    }

    [Fact]
    public async Task Timeout_RegistrationPollUnansweredWhileConnected_StaysConnected()
    {
        await using var fleet = await MachineFleet.StartAsync();
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        var device = await fleet.PlugAsync(modem, "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);
        var since = fleet.StatesOf("2-6").Count;
        var session = Assert.Single(modem.Sessions);

        device.Faults.Mbim.Add(new MbimFault("basic-connect", "Register State", MbimFaultKind.Drop));

        await fleet.WaitForPublishedAsync("2-6", since, m => m.StateReason?.Contains("no answer", StringComparison.Ordinal) == true, "the unanswered poll reported");
        await fleet.WaitForAsync("2-6", m => m.State == ModemState.Connected && m.StateReason is null, "the next poll answered");

        await Recovery.AssertStaysConnectedAsync(fleet, modem, "2-6", since);
        Assert.Equal(session, Assert.Single(modem.Sessions));
        Assert.All(fleet.StatesOf("2-6").Skip(since), state => Assert.Equal(ModemState.Connected, state));
    }
}
