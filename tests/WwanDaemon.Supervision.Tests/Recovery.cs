using WwanDaemon.Modem.Fleet;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Supervision.Tests;

/// <summary>What "recovered" means for every fault test.</summary>
internal static class Recovery
{
    /// <summary>Two of the harness's signal polls (500 ms): a fault the daemon missed shows at its next request.</summary>
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(1.2);

    /// <summary>
    /// The modem is Connected and stays so over <see cref="Watch"/>, with exactly the one session
    /// its snapshot reports; since the fault (state number <paramref name="since"/>) it never went
    /// through Failed; and the daemon that took the fault is still running (no restart).
    /// </summary>
    public static async Task AssertStaysConnectedAsync(MachineFleet fleet, SimulatedModem modem, string id, int since)
    {
        await fleet.WaitForStateAsync(id, ModemState.Connected);
        var until = DateTime.UtcNow + Watch;
        await Eventually.WaitAsync(() => DateTime.UtcNow > until || fleet.Fleet.Find(id)?.State != ModemState.Connected, "the watch ends");
        var now = fleet.Fleet.Find(id);
        var states = fleet.StatesOf(id);
        var path = fleet.PathOf(id, since);
        Assert.True(now?.State == ModemState.Connected, $"left Connected: {now?.State} ({now?.StateReason}); since the fault: {path}");
        Assert.False(states.Skip(since).Contains(ModemState.Failed), $"went through Failed since the fault: {path}");
        var session = Assert.Single(modem.Sessions);
        Assert.StartsWith($"{session.Ipv4}/", now!.Ip!.Address, StringComparison.Ordinal);
        Assert.True(fleet.DaemonRunning, "the daemon stopped");
    }
}
