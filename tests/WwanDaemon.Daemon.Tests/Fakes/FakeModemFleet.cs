using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.Tests.Fakes;

/// <summary>A fleet the test moves by hand: Set replaces a modem's snapshot and raises Changed.</summary>
public sealed class FakeModemFleet : IModemFleet
{
    private readonly Lock gate = new();
    private readonly SortedDictionary<string, ModemSnapshot> modems = new(StringComparer.Ordinal);

    public event Action<ModemSnapshot>? Changed;

    public event Action<string>? Removed;

    public IReadOnlyList<ModemSnapshot> Snapshot()
    {
        lock (gate)
        {
            return modems.Values.ToArray();
        }
    }

    public void Set(ModemSnapshot snapshot)
    {
        lock (gate)
        {
            modems[snapshot.Id] = snapshot;
        }
        Changed?.Invoke(snapshot);
    }

    public void Remove(string id)
    {
        lock (gate)
        {
            modems.Remove(id);
        }
        Removed?.Invoke(id);
    }

    public static ModemSnapshot Modem(string id, ModemState state, string? reason = null) =>
        new(id, "/sys/devices/usb1/" + id, state, reason, 2, ["unbind qcserial " + id + ":2.12"], "/dev/cdc-wdm0", "mbim", null);
}
