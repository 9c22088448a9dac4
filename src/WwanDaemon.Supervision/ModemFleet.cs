using System.Collections.Concurrent;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Supervision;

/// <summary>The snapshots of every supervised modem; written by the supervisors, read by everyone else.</summary>
public sealed class ModemFleet : IModemFleet
{
    private readonly ConcurrentDictionary<string, ModemSnapshot> modems = new(StringComparer.Ordinal);

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
