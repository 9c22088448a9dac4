using System.Runtime.CompilerServices;
using System.Threading.Channels;
using WwanDaemon.Devices.Inventory;
using WwanDaemon.Linux.Uevents;
using WwanDaemon.Usb;

namespace WwanDaemon.Devices.Watching;

/// <summary>
/// Turns uevents into one settled change per USB device. It first reports every device present
/// (coldplug), then for each event finds the USB device it belongs to (<see cref="UeventBusPath"/>),
/// waits until that device has been quiet for <see cref="DeviceWatcherOptions.SettleDelay"/> (bounded by
/// <see cref="DeviceWatcherOptions.MaximumSettleDelay"/>), reads it again and compares: Appeared, Changed
/// or Gone. A remove and add within the settle time (a configuration switch) is one Changed.
/// </summary>
public sealed class DeviceWatcher(IUeventSource source, DeviceInventory inventory, DeviceWatcherOptions? options = null)
{
    private readonly DeviceWatcherOptions options = options ?? new DeviceWatcherOptions();

    /// <summary>Changes from coldplug on; ends when <paramref name="cancellationToken"/> fires or the source ends.</summary>
    public async IAsyncEnumerable<DeviceChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var time = options.TimeProvider;
        var events = Channel.CreateUnbounded<Uevent>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpAsync(events.Writer, stop.Token);
        var known = new Dictionary<string, DiscoveredDevice>(StringComparer.Ordinal);
        var pending = new Dictionary<string, (DateTimeOffset Due, DateTimeOffset Latest)>(StringComparer.Ordinal);
        try
        {
            foreach (var busPath in inventory.BusPaths())
            {
                if (Settle(busPath, known, pending) is { } change)
                {
                    yield return change;
                }
            }
            var readable = events.Reader.WaitToReadAsync(stop.Token).AsTask();
            while (true)
            {
                while (events.Reader.TryRead(out var uevent))
                {
                    Note(uevent, pending, time.GetUtcNow());
                }
                foreach (var busPath in Due(pending, time.GetUtcNow()))
                {
                    pending.Remove(busPath);
                    if (Settle(busPath, known, pending) is { } change)
                    {
                        yield return change;
                    }
                }
                if (readable.IsCompleted)
                {
                    if (!await readable.ConfigureAwait(false))
                    {
                        break; // the source ended: settle what is left, then stop
                    }
                    readable = events.Reader.WaitToReadAsync(stop.Token).AsTask();
                    continue;
                }
                if (pending.Count == 0)
                {
                    await readable.ConfigureAwait(false);
                    continue;
                }
                var wait = pending.Values.Min(p => p.Due) - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    using var delayStop = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                    var delay = Task.Delay(wait, time, delayStop.Token);
                    await Task.WhenAny(readable, delay).ConfigureAwait(false);
                    await delayStop.CancelAsync().ConfigureAwait(false);
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
            foreach (var busPath in pending.Keys.ToArray())
            {
                if (Settle(busPath, known, pending) is { } change)
                {
                    yield return change;
                }
            }
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await pump.ConfigureAwait(false); // the source's failure (the netlink socket broke) reaches the caller
    }

    private async Task PumpAsync(ChannelWriter<Uevent> writer, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var uevent in source.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                writer.TryWrite(uevent);
            }
            writer.TryComplete();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            writer.TryComplete();
        }
        catch (Exception failure)
        {
            writer.TryComplete(failure);
            throw;
        }
    }

    private void Note(Uevent uevent, Dictionary<string, (DateTimeOffset Due, DateTimeOffset Latest)> pending, DateTimeOffset now)
    {
        if (UeventBusPath.Of(uevent.DevPath) is not { } busPath)
        {
            return;
        }
        var latest = pending.TryGetValue(busPath, out var existing) ? existing.Latest : now + options.MaximumSettleDelay;
        var due = now + options.SettleDelay;
        pending[busPath] = (due < latest ? due : latest, latest);
    }

    private static IEnumerable<string> Due(Dictionary<string, (DateTimeOffset Due, DateTimeOffset Latest)> pending, DateTimeOffset now) =>
        pending.Where(p => p.Value.Due <= now).OrderBy(p => p.Value.Due).Select(p => p.Key).ToArray();

    private DeviceChange? Settle(string busPath, Dictionary<string, DiscoveredDevice> known, Dictionary<string, (DateTimeOffset Due, DateTimeOffset Latest)> pending)
    {
        DiscoveredDevice? now;
        try
        {
            now = inventory.Read(busPath);
        }
        catch (UsbFormatException failure)
        {
            options.OnReadFailure?.Invoke(busPath, failure);
            return null;
        }
        catch (IOException changing)
        {
            // The tree changed under the read (a file went between listing and reading it while the
            // device re-enumerated): read it again once it is quiet.
            options.OnReadFailure?.Invoke(busPath, changing);
            var at = options.TimeProvider.GetUtcNow() + options.SettleDelay;
            pending[busPath] = (at, at);
            return null;
        }
        var before = known.GetValueOrDefault(busPath);
        switch (before, now)
        {
            case (null, null):
                return null;
            case (null, { } appeared):
                known[busPath] = appeared;
                return new DeviceChange(DeviceChangeKind.Appeared, busPath, appeared);
            case ({ }, null):
                known.Remove(busPath);
                return new DeviceChange(DeviceChangeKind.Gone, busPath, null);
            case ({ } old, { } current) when !old.SameStateAs(current):
                known[busPath] = current;
                return new DeviceChange(DeviceChangeKind.Changed, busPath, current);
            default:
                return null;
        }
    }
}
