using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.BusApi.Objects;

/// <summary>The bearer a modem has: its index (…/Bearer/N) and the settings it connects with.</summary>
internal sealed record BearerEntry(int Index, ConnectRequest Settings)
{
    public string Path => BusNames.BearerPathPrefix + Index;
}

/// <summary>A state change to announce with StateChanged, in the order the fleet reported it.</summary>
internal sealed record StateTransition(ModemState Old, ModemState New, uint Reason);

/// <summary>
/// One modem on the bus: its numbers (…/Modem/N, …/SIM/N, …/Bearer/N, never reused), the latest
/// snapshot (written on the fleet's thread as soon as it arrives, so a method's reply and the
/// properties read after it agree), and what is exported now (touched only by the API's loop).
/// </summary>
internal sealed class ModemEntry(string id, int index, ModemSnapshot first)
{
    private ModemSnapshot latest = first;
    private BearerEntry? bearer;

    public string Id { get; } = id;

    public int Index { get; } = index;

    public string Path => BusNames.ModemPathPrefix + Index;

    public ModemSnapshot Latest
    {
        get => Volatile.Read(ref latest);
        set => Volatile.Write(ref latest, value);
    }

    public BearerEntry? Bearer
    {
        get => Volatile.Read(ref bearer);
        set => Volatile.Write(ref bearer, value);
    }

    public int? SimIndex { get; set; }

    public string SimPath => SimIndex is { } n ? BusNames.SimPathPrefix + n : BusNames.NoObject;

    /// <summary>The SIM asked for its PIN at some point: its PIN lock is enabled (Modem3gpp.EnabledFacilityLocks).</summary>
    public bool PinLockSeen { get; set; }

    /// <summary>State changes not yet announced, oldest first.</summary>
    public List<StateTransition> PendingTransitions { get; } = [];

    public ModemState LastState { get; set; } = first.State;

    public bool Removed { get; set; }

    // Modem.Signal settings (Setup, SetupThresholds).
    public uint SignalRate { get; set; }

    public uint RssiThreshold { get; set; }

    public bool ErrorRateThreshold { get; set; }

    // What the loop exported.
    public bool ModemExported { get; set; }

    public string? ExportedSimPath { get; set; }

    public string? ExportedBearerPath { get; set; }

    /// <summary>Whether the snapshot shows a SIM worth an object (…/SIM/N).</summary>
    public static bool HasSim(ModemSnapshot snapshot) =>
        snapshot.Iccid is not null || snapshot.SimLock is SimLock.Ready or SimLock.PinRequired or SimLock.PukRequired or SimLock.Blocked;

    /// <summary>Whether two sessions ask for the same settings (the PIN never counts).</summary>
    public static bool SameSettings(ConnectRequest a, ConnectRequest b) => a with { Pin = null } == b with { Pin = null };
}
