using System.Collections.Concurrent;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Supervision;

/// <summary>The snapshots of every supervised modem; written by the supervisors, read by everyone else.</summary>
public sealed class ModemFleet : IModemFleet
{
    private readonly ConcurrentDictionary<string, ModemSnapshot> modems = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SeenDevice> devices = new(StringComparer.Ordinal);

    /// <summary>What may be asked of the modems: set where the fleet supervisor is created (it routes commands to the lifecycles).</summary>
    public IModemCommands? Commands { get; set; }

    public event Action? DevicesChanged;

    public IReadOnlyList<SeenDevice> Devices() => devices.Values.OrderBy(d => d.Id, StringComparer.Ordinal).ToArray();

    /// <summary>Lists (or updates) a device that is not, or not yet, a modem.</summary>
    public void RecordDevice(SeenDevice device)
    {
        if (devices.TryGetValue(device.Id, out var known) && known == device)
        {
            return;
        }
        devices[device.Id] = device;
        DevicesChanged?.Invoke();
    }

    /// <summary>Takes a device off <see cref="Devices"/> (unplugged, or supervised as a modem again); no-op when not listed.</summary>
    public void ForgetDevice(string id)
    {
        if (devices.TryRemove(id, out _))
        {
            DevicesChanged?.Invoke();
        }
    }

    public event Action<ModemSnapshot>? Changed;

    public event Action<string>? Removed;

    public IReadOnlyList<ModemSnapshot> Snapshot() => modems.Values.OrderBy(m => m.Id, StringComparer.Ordinal).ToArray();

    public ModemSnapshot? Find(string id) => modems.GetValueOrDefault(id);

    /// <summary>Stores <paramref name="snapshot"/> as its modem's latest and tells the readers.</summary>
    public void Publish(ModemSnapshot snapshot)
    {
        modems[snapshot.Id] = snapshot;
        Changed?.Invoke(snapshot);
    }

    /// <summary>Forgets a modem (unplugged); no-op when unknown.</summary>
    public void Remove(string id)
    {
        if (modems.TryRemove(id, out _))
        {
            Removed?.Invoke(id);
        }
    }
}
