using WwanDaemon.Modem.Fleet;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Modem;
using Xunit.Abstractions;

namespace WwanDaemon.Supervision.Tests;

/// <summary>Process-wide counts are only meaningful with no other test running: this collection runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ResourceLeakCollection
{
    public const string Name = "resource leaks";
}

/// <summary>
/// Repeated faults must not cost the daemon anything that stays: after N fault cycles, with the modem
/// Connected again as it was for the baseline, the process holds what it held before.
/// </summary>
[Collection(ResourceLeakCollection.Name)]
public sealed class ResourceLeakTests(ITestOutputHelper output)
{
    private const int Cycles = 5;

    [Fact]
    public async Task UnplugReplugCycles_FdsThreadsAndMemoryReturnToBaseline()
    {
        await using var fleet = await MachineFleet.StartAsync(loopCycles: 100);
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        await fleet.PlugAsync(modem, "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);

        await MeasureAsync(fleet, modem, portGoesAway: true, async () =>
        {
            await fleet.Machine.UnplugAsync("2-6");
            await fleet.WaitGoneAsync("2-6");
            await fleet.PlugAsync(modem, "2-6");
        });
    }

    [Fact]
    public async Task ModemResetCycles_FdsThreadsAndMemoryReturnToBaseline()
    {
        await using var fleet = await MachineFleet.StartAsync(loopCycles: 100);
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        await fleet.PlugAsync(modem, "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);

        await MeasureAsync(fleet, modem, portGoesAway: false, async () =>
        {
            var before = modem.Sessions.Single().Handle;
            modem.Reset();
            await fleet.WaitForAsync("2-6", m => m.State != ModemState.Connected || modem.Sessions.All(s => s.Handle != before), "the daemon notices the reset");
        });
    }

    /// <summary>
    /// Warm-up cycles until the thread pool stops growing (JIT, lazily built caches, and the pool
    /// sizing itself to the workload: every open port keeps one pool thread in a blocking read, since
    /// .NET reads a non-seekable FileStream synchronously on the pool), the baseline,
    /// <see cref="Cycles"/> cycles, the comparison.
    /// </summary>
    /// <param name="fleet">The daemon and machine.</param>
    /// <param name="modem">The plugged, connected modem.</param>
    /// <param name="portGoesAway">The fault removes the port: the lifecycle ends Failed ("the port went away") just before the modem leaves the fleet, by design.</param>
    /// <param name="fault">One fault; the cycle then waits for Connected.</param>
    private async Task MeasureAsync(MachineFleet fleet, SimulatedModem modem, bool portGoesAway, Func<Task> fault)
    {
        // Until two cycles in a row leave the pool's size as it was.
        for (int warmUp = 0, steady = 0; warmUp < MaxWarmUpCycles && steady < 2; warmUp++)
        {
            var pool = ThreadPool.ThreadCount;
            await CycleAsync(fleet, modem, fault);
            steady = ThreadPool.ThreadCount == pool ? steady + 1 : 0;
        }
        fleet.ForgetHistory();
        var baseline = ProcessResources.Read();
        var baselineFds = await ProcessResources.SettledFileDescriptorsAsync();
        output.WriteLine($"baseline: {baseline}");

        for (var cycle = 0; cycle < Cycles; cycle++)
        {
            await CycleAsync(fleet, modem, fault);
        }
        if (!portGoesAway)
        {
            Assert.DoesNotContain(ModemState.Failed, fleet.StatesOf("2-6"));
        }
        fleet.ForgetHistory();

        // Closing is asynchronous (a stopped supervisor disposes its backend on its own task): wait, bounded, for the
        // descriptors to settle. Both sides are settled reads (the fewest of a few), so a file some poll holds open
        // for a moment counts as neither a leak nor a baseline descriptor; duplicates count (a second eventfd is new).
        var afterFds = await ProcessResources.SettledFileDescriptorsAsync();
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30); ProcessResources.Added(baselineFds, afterFds).Count > 0 && DateTime.UtcNow < deadline;)
        {
            await Task.Delay(100);
            afterFds = await ProcessResources.SettledFileDescriptorsAsync();
        }
        var after = ProcessResources.Read();
        output.WriteLine($"after {Cycles} cycles: {after}");
        var added = ProcessResources.Added(baselineFds, afterFds);
        Assert.True(added.Count == 0,
            $"fds {baselineFds.Count} → {afterFds.Count}; new: {string.Join(", ", added)}");
        Assert.True(after.OtherThreads <= baseline.OtherThreads, $"threads outside the pool {baseline.OtherThreads} → {after.OtherThreads}");
        Assert.True(after.PoolThreads <= baseline.PoolThreads + PoolThreadAllowance, $"pool threads {baseline.PoolThreads} → {after.PoolThreads}");
        Assert.True(after.ManagedBytes <= baseline.ManagedBytes + ManagedByteAllowance, $"managed heap {baseline.ManagedBytes / 1024} → {after.ManagedBytes / 1024} KiB");
    }

    private const int MaxWarmUpCycles = 8;

    /// <summary>
    /// The pool may still add a few threads (its hill climbing injects threads while work items
    /// queue); a leaked reader costs one blocked pool thread per cycle, so a leak shows as at least
    /// <see cref="Cycles"/> more, and its port as a descriptor (checked exactly).
    /// </summary>
    private const int PoolThreadAllowance = 3;

    /// <summary>
    /// Measured growth over 5 cycles is about 70 KiB: bookkeeping that grows by design (the simulated
    /// kernel's log lines, the loop detector's appearance times within its window, the pool's thread
    /// objects). 256 KiB leaves room for that and for the GC's own noise; a leaked backend with its
    /// lifecycle (pipe and stream buffers, channels, pending-request tables) per cycle exceeds it
    /// only if it holds about 50 KiB, so the descriptor and thread counts are the sharper checks.
    /// </summary>
    private const long ManagedByteAllowance = 256 * 1024;

    private static async Task CycleAsync(MachineFleet fleet, SimulatedModem modem, Func<Task> fault)
    {
        await fault();
        await fleet.WaitForAsync("2-6", m => m.State == ModemState.Connected && modem.Sessions.Count == 1, "connected again with one session");
    }
}
