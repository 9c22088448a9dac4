using Microsoft.Extensions.Logging;
using WwanDaemon.Devices.Binding;
using WwanDaemon.Devices.Inventory;
using WwanDaemon.Devices.Watching;
using WwanDaemon.Linux.Uevents;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Supervision;

/// <summary>
/// Watches devices (coldplug, then uevents) and keeps one <see cref="DeviceSupervisor"/> per USB
/// device: started when it appears, restarted when it changes (unless the change is our own binding
/// at work), stopped and forgotten when it goes. A device that keeps coming and going (seed 002) is
/// marked failed by the re-enumeration loop detector and left alone. A supervisor that ends failed
/// while its device stays is started again after <see cref="SupervisorOptions.RetryAfterFailure"/>.
/// </summary>
public sealed partial class FleetSupervisor(IUeventSource source, SupervisorContext context, ReenumerationLoopDetector loops, DeviceWatcherOptions? watcherOptions = null)
{
    private readonly ILogger logger = context.Logging.CreateLogger<FleetSupervisor>();
    private readonly Dictionary<string, Running> running = new(StringComparer.Ordinal);

    // Supervisors stopped because their device went (or loops), still closing their ports; guarded by running.
    // A device's next supervisor starts after it, and RunAsync does not return before them.
    private readonly Dictionary<string, Task> stopping = new(StringComparer.Ordinal);

    /// <summary>The supervisor of a device, or null.</summary>
    public DeviceSupervisor? Find(string busPath)
    {
        lock (running)
        {
            return running.GetValueOrDefault(busPath)?.Supervisor;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        runToken = cancellationToken;
        var watcher = new DeviceWatcher(source, context.Inventory, watcherOptions ?? new DeviceWatcherOptions
        {
            OnReadFailure = (bus, error) => logger.LogWarning("{Device}: could not be read from sysfs: {Reason}", bus, error.Message),
        });
        try
        {
            await foreach (var change in watcher.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                Handle(change, cancellationToken);
            }
        }
        finally
        {
            Running[] all;
            Task[] closing;
            lock (running)
            {
                all = running.Values.ToArray();
                running.Clear();
                closing = stopping.Values.ToArray();
                stopping.Clear();
            }
            foreach (var run in all)
            {
                await run.StopAsync().ConfigureAwait(false);
            }
            await Task.WhenAll(closing).ConfigureAwait(false);
        }
    }

    private void Handle(DeviceChange change, CancellationToken cancellationToken)
    {
        switch (change.Kind)
        {
            case DeviceChangeKind.Appeared:
                var verdict = loops.Record(change.BusPath);
                if (verdict.IsLoop)
                {
                    StopInBackground(change.BusPath);
                    context.Fleet.RecordDevice(Seen(change.Device!, verdict.Reason ?? "stopped: it keeps re-enumerating"));
                    context.Fleet.Publish(new ModemSnapshot(change.BusPath, change.Device!.SysfsPath, ModemState.Failed, verdict.Reason, change.Device.Device.ActiveConfiguration, [], null, null, null)
                    {
                        Manufacturer = change.Device.Device.Manufacturer,
                        Model = change.Device.Device.Product,
                    });
                    return;
                }
                Start(change.Device!, earlierActions: null, cancellationToken);
                break;
            case DeviceChangeKind.Changed:
                var current = Find(change.BusPath);
                if (current is { Phase: SupervisionPhase.Binding or SupervisionPhase.Planning } || current is not null && current.Device.SameStateAs(change.Device!))
                {
                    return; // our own writes: the supervisor re-reads the device once its plan is applied
                }
                Start(change.Device!, current?.ActionsApplied, cancellationToken);
                break;
            case DeviceChangeKind.Gone:
                StopInBackground(change.BusPath);
                context.Fleet.Remove(change.BusPath);
                context.Fleet.ForgetDevice(change.BusPath);
                break;
        }
    }

    private void Start(DiscoveredDevice device, IReadOnlyList<string>? earlierActions, CancellationToken cancellationToken)
    {
        var previous = Take(device.BusPath);
        Task? closing;
        lock (running)
        {
            stopping.Remove(device.BusPath, out closing);
        }
        context.Fleet.ForgetDevice(device.BusPath);
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var supervisor = new DeviceSupervisor(device, context, earlierActions);
        var task = Task.Run(() => SuperviseAsync(previous, closing, supervisor, stop.Token), CancellationToken.None);
        lock (running)
        {
            running[device.BusPath] = new Running(supervisor, stop, task);
        }
    }

    /// <summary>Runs a device's supervisor, and again after a pause while it keeps failing and the device is still there.</summary>
    private async Task SuperviseAsync(Running? previous, Task? closing, DeviceSupervisor supervisor, CancellationToken cancellationToken)
    {
        if (closing is not null)
        {
            await closing.ConfigureAwait(false);
        }
        if (previous is not null)
        {
            await previous.StopAsync().ConfigureAwait(false);
        }
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var state = await supervisor.RunAsync(cancellationToken).ConfigureAwait(false);
                if (supervisor.NotAModemReason is { } reason && !cancellationToken.IsCancellationRequested)
                {
                    context.Fleet.RecordDevice(Seen(supervisor.Device, reason));
                }
                if (state != ModemState.Failed || cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                await Task.Delay(context.Options.RetryAfterFailure, cancellationToken).ConfigureAwait(false);
                if (context.Inventory.Read(supervisor.BusPath) is not { } again || loops.Verdict(supervisor.BusPath).IsLoop)
                {
                    return;
                }
                supervisor = new DeviceSupervisor(again, context, supervisor.ActionsApplied);
                lock (running)
                {
                    if (running.TryGetValue(again.BusPath, out var entry))
                    {
                        running[again.BusPath] = entry with { Supervisor = supervisor };
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // unplugged, replaced by a newer supervisor, or the daemon is stopping
        }
        catch (Exception unexpected)
        {
            logger.LogError(unexpected, "{Device}: its supervisor stopped", supervisor.BusPath);
            if (context.Fleet.Find(supervisor.BusPath) is { } last)
            {
                context.Fleet.Publish(last with { State = ModemState.Failed, StateReason = $"internal error: {unexpected.GetType().Name}: {unexpected.Message}" });
            }
        }
    }

    private Running? Take(string busPath)
    {
        lock (running)
        {
            return running.Remove(busPath, out var run) ? run : null;
        }
    }

    /// <summary>Stops a device's supervisor without waiting; its device's next supervisor, and RunAsync's end, wait for it.</summary>
    private void StopInBackground(string busPath)
    {
        if (Take(busPath) is not { } run)
        {
            return;
        }
        var task = run.StopAsync();
        lock (running)
        {
            stopping[busPath] = stopping.Remove(busPath, out var earlier) ? Task.WhenAll(earlier, task) : task;
        }
    }

    private sealed record Running(DeviceSupervisor Supervisor, CancellationTokenSource Stop, Task Task)
    {
        public async Task StopAsync()
        {
            await Stop.CancelAsync().ConfigureAwait(false);
            await Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Stop.Dispose();
        }
    }
}
