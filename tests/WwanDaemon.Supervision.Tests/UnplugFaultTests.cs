using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Probing;
using WwanDaemon.Simulator.At;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Supervision.Tests;

/// <summary>
/// The modem leaves the bus at the worst moments: its supervisor must stop (no task left reading a
/// dead port), the fleet forget it, and the same modem plugged in again come back Connected, all in
/// the daemon that saw it go.
/// </summary>
public sealed class UnplugFaultTests
{
    [Fact]
    public async Task Unplug_RightAfterTheDeviceAppeared_LeavesTheFleet_ReplugConnects()
    {
        await using var fleet = await MachineFleet.StartAsync();
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        await fleet.PlugAsync(modem, "2-6");

        await fleet.Machine.UnplugAsync("2-6");

        await AssertGoneThenReplugConnectsAsync(fleet, modem);
    }

    [Fact]
    public async Task Unplug_WhileProbingThePorts_LeavesTheFleet_ReplugConnects()
    {
        // The ttys never answer (faults in place before the first uevent), each "AT" try waits 3 s and the probe may
        // take 30 s: it stays on the ttys for about 9 s, a window a loaded machine's polls cannot miss (with answers
        // delayed 200 ms and the default budget it lasted well under a second, and loaded runs missed it).
        await using var fleet = await MachineFleet.StartAsync(probe: new ProbeBudget { AtTryTimeout = TimeSpan.FromSeconds(3), Total = TimeSpan.FromSeconds(30) });
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        await fleet.PlugAsync(modem, "2-6", device => device.Faults.At.Add(new AtFault(null, AtFaultKind.Drop, Times: -1)));

        await Eventually.WaitAsync(() => fleet.Supervisor.Find("2-6")?.Phase == SupervisionPhase.Probing, "the supervisor probes the ports",
            () => $"phase {fleet.Supervisor.Find("2-6")?.Phase}; states: {fleet.PathOf("2-6", 0)}");
        await fleet.Machine.UnplugAsync("2-6");

        await AssertGoneThenReplugConnectsAsync(fleet, modem);
    }

    [Fact]
    public async Task Unplug_WhileConnected_LeavesTheFleet_ReplugConnects()
    {
        await using var fleet = await MachineFleet.StartAsync();
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        await fleet.PlugAsync(modem, "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);

        await fleet.Machine.UnplugAsync("2-6");

        await AssertGoneThenReplugConnectsAsync(fleet, modem);
    }

    private static async Task AssertGoneThenReplugConnectsAsync(MachineFleet fleet, SimulatedModem modem)
    {
        await fleet.WaitGoneAsync("2-6");
        await Eventually.WaitAsync(() => fleet.Supervisor.Find("2-6") is null, "the device's supervisor is forgotten");
        var since = fleet.StatesOf("2-6").Count;

        await fleet.PlugAsync(modem, "2-6");

        await Recovery.AssertStaysConnectedAsync(fleet, modem, "2-6", since);
    }
}
