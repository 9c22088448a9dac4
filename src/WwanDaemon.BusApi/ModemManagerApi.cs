using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WwanDaemon.BusApi.Authorization;
using WwanDaemon.BusApi.Objects;
using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.BusApi;

/// <summary>
/// The fleet on the bus: the manager object, one Modem/N per modem with its SIM/N and Bearer/N, our
/// own interfaces on both. Fleet events (from any thread) update the entries at once and queue a
/// sync; one loop applies the syncs in order: export/remove objects (ObjectManager signals come from
/// the exporter), announce changed properties, emit StateChanged for every transition.
/// </summary>
public sealed partial class ModemManagerApi : IAsyncDisposable
{
    private readonly IDBusObjectExporter exporter;
    private readonly IModemFleet fleet;
    private readonly ControlAuthorizer authorizer;
    private readonly ILogger logger;
    private readonly Channel<Func<Task>> work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, ModemEntry> entries = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private int nextModem;
    private int nextSim;
    private int nextBearer;
    private Task loop = Task.CompletedTask;

    public ModemManagerApi(IDBusObjectExporter exporter, IModemFleet fleet, BusApiOptions options, ControlAuthorizer authorizer, ILogger? logger = null)
    {
        this.exporter = exporter;
        this.fleet = fleet;
        Options = options;
        this.authorizer = authorizer;
        this.logger = logger ?? NullLogger.Instance;
    }

    public BusApiOptions Options { get; }

    internal IModemFleet Fleet => fleet;

    /// <summary>Exports the manager and every modem the fleet has, then follows the fleet.</summary>
    public async Task StartAsync()
    {
        await exporter.AddObjectAsync(BusNames.ManagerPath, ManagerInterfaces.Build(this)).ConfigureAwait(false);
        loop = Task.Run(RunLoopAsync);
        fleet.Changed += OnChanged;
        fleet.Removed += OnRemoved;
        fleet.DevicesChanged += OnDevicesChanged;
        foreach (var snapshot in fleet.Snapshot())
        {
            OnChanged(snapshot);
        }
    }

    /// <summary>The object path of the modem with fleet id <paramref name="id"/>, or null.</summary>
    public string? PathOf(string id)
    {
        lock (gate)
        {
            return entries.TryGetValue(id, out var entry) ? entry.Path : null;
        }
    }

    private void OnChanged(ModemSnapshot snapshot)
    {
        ModemEntry entry;
        lock (gate)
        {
            if (IsInhibited(snapshot))
            {
                return;
            }
            if (!entries.TryGetValue(snapshot.Id, out entry!))
            {
                entry = new ModemEntry(snapshot.Id, nextModem++, snapshot);
                entries.Add(snapshot.Id, entry);
            }
            if (snapshot.State != entry.LastState)
            {
                entry.PendingTransitions.Add(new StateTransition(entry.LastState, snapshot.State, snapshot.State == ModemState.Failed ? 3u : 0u));
                entry.LastState = snapshot.State;
            }
            entry.Latest = snapshot;
            entry.PinLockSeen |= snapshot.SimLock is Modem.Backends.SimLock.PinRequired;
            if (entry.SimIndex is null && ModemEntry.HasSim(snapshot))
            {
                entry.SimIndex = nextSim++;
            }
            if (entry.Bearer is null && snapshot.Connection is { } settings && snapshot.State is ModemState.Connecting or ModemState.Connected)
            {
                entry.Bearer = new BearerEntry(nextBearer++, settings);
            }
        }
        Post(() => SyncAsync(entry));
    }

    private void OnRemoved(string id)
    {
        ModemEntry? entry;
        lock (gate)
        {
            if (!entries.Remove(id, out entry))
            {
                return;
            }
            entry.Removed = true;
        }
        Post(() => UnexportAsync(entry));
    }

    private void OnDevicesChanged() => Post(() => exporter.RefreshPropertiesAsync(BusNames.ManagerPath));

    private void Post(Func<Task> item) => work.Writer.TryWrite(item);

    /// <summary>Queues <paramref name="item"/> and completes when the loop ran it.</summary>
    private Task PostAndWaitAsync(Func<Task> item)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Post(async () =>
        {
            try
            {
                await item().ConfigureAwait(false);
                done.SetResult();
            }
            catch (Exception failure)
            {
                done.SetException(failure);
                throw;
            }
        });
        return done.Task;
    }

    private async Task RunLoopAsync()
    {
        await foreach (var item in work.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                await item().ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                // One object that cannot be exported (a closed connection, a bug in a getter) must not
                // stop the others from being kept up to date.
                logger.LogWarning(failure, "D-Bus: updating the exported modems failed: {Reason}", failure.Message);
            }
        }
    }

    private async Task SyncAsync(ModemEntry entry)
    {
        if (entry.Removed)
        {
            return;
        }
        var simPath = entry.SimIndex is null ? null : entry.SimPath;
        if (simPath != entry.ExportedSimPath)
        {
            if (entry.ExportedSimPath is { } old)
            {
                await exporter.RemoveObjectAsync(old).ConfigureAwait(false);
            }
            if (simPath is not null)
            {
                await exporter.AddObjectAsync(simPath, SimInterfaces.Build(entry, this), managed: false).ConfigureAwait(false);
            }
            entry.ExportedSimPath = simPath;
        }
        var bearerPath = entry.Bearer?.Path;
        if (bearerPath != entry.ExportedBearerPath)
        {
            if (entry.ExportedBearerPath is { } old)
            {
                await exporter.RemoveObjectAsync(old).ConfigureAwait(false);
            }
            if (entry.Bearer is { } bearer)
            {
                await exporter.AddObjectAsync(bearer.Path, BearerInterfaces.Build(entry, bearer, this), managed: false).ConfigureAwait(false);
            }
            entry.ExportedBearerPath = bearerPath;
        }
        if (!entry.ModemExported)
        {
            await exporter.AddObjectAsync(entry.Path, ModemInterfaces.Build(entry, this)).ConfigureAwait(false);
            entry.ModemExported = true;
            lock (gate)
            {
                entry.PendingTransitions.Clear(); // a new modem starts in its state; clients read it with the object
            }
            return;
        }
        // The transitions are taken before the properties are read, so the State a client sees
        // announced is never older than the last StateChanged that follows it.
        StateTransition[] transitions;
        lock (gate)
        {
            transitions = [.. entry.PendingTransitions];
            entry.PendingTransitions.Clear();
        }
        await exporter.RefreshPropertiesAsync(entry.Path).ConfigureAwait(false);
        if (entry.ExportedSimPath is { } sim)
        {
            await exporter.RefreshPropertiesAsync(sim).ConfigureAwait(false);
        }
        if (entry.ExportedBearerPath is { } exportedBearer)
        {
            await exporter.RefreshPropertiesAsync(exportedBearer).ConfigureAwait(false);
        }
        foreach (var change in transitions)
        {
            await exporter.EmitSignalAsync(entry.Path, BusNames.ModemInterface, "StateChanged",
                DBusValue.Int32((int)change.Old), DBusValue.Int32((int)change.New), DBusValue.UInt32(change.Reason)).ConfigureAwait(false);
        }
    }

    private async Task UnexportAsync(ModemEntry entry)
    {
        foreach (var path in new[] { entry.ExportedBearerPath, entry.ExportedSimPath, entry.ModemExported ? entry.Path : null })
        {
            if (path is not null)
            {
                await exporter.RemoveObjectAsync(path).ConfigureAwait(false);
            }
        }
        entry.ExportedBearerPath = null;
        entry.ExportedSimPath = null;
        entry.ModemExported = false;
    }

    public async ValueTask DisposeAsync()
    {
        fleet.Changed -= OnChanged;
        fleet.Removed -= OnRemoved;
        fleet.DevicesChanged -= OnDevicesChanged;
        work.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }
}
