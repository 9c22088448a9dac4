using System.Globalization;

namespace WwanDaemon.Devices.Binding;

/// <summary>Whether a device is re-enumerating in a loop, and why that matters to a person.</summary>
/// <param name="BusPath">The device.</param>
/// <param name="IsLoop">True once it came back <c>cycles</c> times within the window; it stays true until <see cref="ReenumerationLoopDetector.Forget"/>.</param>
/// <param name="CyclesInWindow">How many times it came back within the window ending at the last record.</param>
/// <param name="Reason">For a loop: what happened and what to do; null otherwise.</param>
public sealed record ReenumerationVerdict(string BusPath, bool IsLoop, int CyclesInWindow, string? Reason);

/// <summary>
/// Counts how often each device comes back (a "Gone then Appeared" or a re-enumeration the caller
/// saw) and calls it a loop after <c>cycles</c> within <c>window</c>. Seed 002: a Gobi 3000 on
/// OpenWrt registered its qmi_wwan device and unregistered it 2.7 s later, over and over; writing
/// its configuration again each time only feeds the loop, so once the verdict is a loop the
/// daemon leaves the device alone and reports it failed with <see cref="ReenumerationVerdict.Reason"/>.
/// </summary>
public sealed class ReenumerationLoopDetector
{
    private readonly int cycles;
    private readonly TimeSpan window;
    private readonly TimeProvider timeProvider;
    private readonly Dictionary<string, List<DateTimeOffset>> history = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReenumerationVerdict> loops = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    public ReenumerationLoopDetector(int cycles, TimeSpan window, TimeProvider? timeProvider = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cycles, 2);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        this.cycles = cycles;
        this.window = window;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Records that <paramref name="busPath"/> (re)appeared now.</summary>
    public ReenumerationVerdict Record(string busPath) => Record(busPath, timeProvider.GetUtcNow());

    /// <summary>Records that <paramref name="busPath"/> (re)appeared at <paramref name="at"/>.</summary>
    public ReenumerationVerdict Record(string busPath, DateTimeOffset at)
    {
        lock (gate)
        {
            if (loops.TryGetValue(busPath, out var loop))
            {
                return loop;
            }
            if (!history.TryGetValue(busPath, out var times))
            {
                history[busPath] = times = [];
            }
            times.Add(at);
            times.RemoveAll(t => at - t > window);
            if (times.Count < cycles)
            {
                return new ReenumerationVerdict(busPath, false, times.Count, null);
            }
            var span = times[^1] - times[0];
            var verdict = new ReenumerationVerdict(busPath, true, times.Count, string.Create(CultureInfo.InvariantCulture,
                $"USB device {busPath} keeps re-enumerating: it came back {times.Count} times in {span.TotalSeconds:0.#} s (limit {cycles} in {window.TotalSeconds:0.#} s), ")
                + "each time registering its ports and losing them shortly after. wwan-daemon has stopped configuring it so it does not feed the loop. "
                + "Check the kernel log (journalctl -k) for why it disconnects, the power supply (adapters for Mini PCIe modems often cannot deliver the current) and the firmware; "
                + "then replug it or restart wwan-daemon to try again.");
            loops[busPath] = verdict;
            return verdict;
        }
    }

    /// <summary>The verdict now, without recording anything.</summary>
    public ReenumerationVerdict Verdict(string busPath)
    {
        lock (gate)
        {
            if (loops.TryGetValue(busPath, out var loop))
            {
                return loop;
            }
            var now = timeProvider.GetUtcNow();
            var count = history.TryGetValue(busPath, out var times) ? times.Count(t => now - t <= window) : 0;
            return new ReenumerationVerdict(busPath, false, count, null);
        }
    }

    /// <summary>Clears the history and any loop verdict (an admin asked to retry, or the device was replaced).</summary>
    public void Forget(string busPath)
    {
        lock (gate)
        {
            history.Remove(busPath);
            loops.Remove(busPath);
        }
    }
}
