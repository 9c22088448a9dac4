namespace WwanDaemon.Modem.Fleet;

/// <summary>Every modem the daemon manages; what the host's --until check, the D-Bus API and wwanctl read.</summary>
public interface IModemFleet
{
    /// <summary>The modems now, ordered by id.</summary>
    IReadOnlyList<ModemSnapshot> Snapshot();

    /// <summary>Raised after any modem's snapshot changed (also when one appears), with the new snapshot.</summary>
    event Action<ModemSnapshot>? Changed;

    /// <summary>Raised after a modem went away (unplugged), with its id.</summary>
    event Action<string>? Removed;
}
