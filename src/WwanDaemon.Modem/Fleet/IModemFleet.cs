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

    /// <summary>USB devices seen that are not (or not yet) modems, with the reason, ordered by id.</summary>
    IReadOnlyList<SeenDevice> Devices() => [];

    /// <summary>Raised after the list of <see cref="Devices"/> changed.</summary>
    event Action? DevicesChanged
    {
        add { }
        remove { }
    }

    /// <summary>What may be asked of the modems, or null when this fleet takes no commands (a read-only view).</summary>
    IModemCommands? Commands => null;
}
