using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Devices.Binding;
using WwanDaemon.Devices.Inventory;
using WwanDaemon.Devices.Watching;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Modem.Probing;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Supervision;

namespace WwanDaemon.Benchmarks;

/// <summary>
/// Plug → connected through the daemon's whole supervision path (uevents, settle, plan, binding,
/// probing, backend, lifecycle) on a simulated machine whose modems answer at once: per protocol, and
/// for 16 and 64 modems plugged together (wall time to all connected, CPU time, peak RSS).
/// Not a BenchmarkDotNet benchmark: each run builds a machine and ptys; medians of N fresh runs are
/// what a person plugging modems sees. Figures: docs/benchmarks.md.
/// </summary>
public static class PlugToConnected
{
    private static readonly ModemProfile Qmi = MachineProfiles.Sim7600Qmi;

    private static readonly ModemProfile Mbim = MachineProfiles.Dw5570;

    public static async Task RunAsync(int runs)
    {
        Console.WriteLine($"plug -> connected, median of {runs} fresh machines (first run of each kind discarded as warm-up)");
        foreach (var (name, profile) in new[] { ("QMI (SIM7600 1e0e:9001)", Qmi), ("MBIM (DW5570 413c:81a3)", Mbim), ("MBIM after a configuration switch and rebind (HP lt4112, seed 004)", MachineProfiles.HpLt4112) })
        {
            await MeasureAsync(profile, 1); // warm-up
            var times = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                times.Add((await MeasureAsync(profile, 1)).Wall.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: median {times[times.Count / 2]:0} ms (min {times[0]:0}, max {times[^1]:0})"));
        }
        foreach (var count in new[] { 16, 64 })
        {
            var fleet = await MeasureAsync(Qmi, count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {count} QMI modems plugged at once: all connected after {fleet.Wall.TotalMilliseconds:0} ms, CPU {fleet.Cpu.TotalMilliseconds:0} ms, peak RSS {fleet.PeakRssKb / 1024.0:0.0} MiB (before plugging {fleet.StartRssKb / 1024.0:0.0} MiB)"));
        }
    }

    private sealed record Measurement(TimeSpan Wall, TimeSpan Cpu, long StartRssKb, long PeakRssKb);

    private static async Task<Measurement> MeasureAsync(ModemProfile profile, int count)
    {
        await using var machine = SimulatedMachine.Create();
        var state = Path.Combine(machine.Root, "state");
        var profiles = ProfileStore.Open(state);
        profiles.Save(new ConnectionProfile());
        var fleet = new ModemFleet();
        var options = new SupervisorOptions
        {
            SysfsRoot = machine.SysRoot,
            DevRoot = machine.DevRoot,
            Policy = CompositionPolicy.PreferMbim,
            Lifecycle = new ModemLifecycleOptions { RegistrationPoll = TimeSpan.FromMilliseconds(50) },
        };
        var context = SupervisorContexts.ForLinux(options, fleet, profiles, new ReportingIpConfigurator(), NullLoggerFactory.Instance);
        var supervisor = new FleetSupervisor(machine.Uevents, context, new ReenumerationLoopDetector(options.LoopCycles, options.LoopWindow), new DeviceWatcherOptions());
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => supervisor.RunAsync(stop.Token));
        var allConnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fleet.Changed += _ =>
        {
            var modems = fleet.Snapshot();
            if (modems.Count == count && modems.All(m => m.State == ModemState.Connected))
            {
                allConnected.TrySetResult();
            }
        };
        await Task.Delay(200); // the watcher's coldplug scan of the empty machine is done
        var startRss = Rss("VmRSS");
        var peak = startRss;
        using var sampling = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var plugs = Enumerable.Range(1, count).Select(i => machine.PlugAsync(new SimulatedModem(profile), $"{1 + i / 100}-{i % 100 + 1}")).ToArray();
        await Task.WhenAll(plugs);
        while (!allConnected.Task.IsCompleted)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(120))
            {
                throw new TimeoutException($"not all {count} modems connected in 120 s: {string.Join(", ", fleet.Snapshot().GroupBy(m => m.State).Select(g => $"{g.Count()} {g.Key}"))}");
            }
            await Task.WhenAny(allConnected.Task, sampling.WaitForNextTickAsync().AsTask());
            peak = Math.Max(peak, Rss("VmRSS"));
        }
        var wall = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await stop.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return new Measurement(wall, cpu, startRss, peak);
    }

    /// <summary>A /proc/self/status field in kB.</summary>
    private static long Rss(string field) =>
        File.ReadLines("/proc/self/status").Where(l => l.StartsWith(field + ":", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture)).First();
}
