namespace WwanDaemon.Modem.Fleet;

/// <summary>
/// The states ModemManager clients expect, with ModemManager's numbers (MMModemState in
/// ModemManager-enums.h, ModemManager 1.20), so the D-Bus API can pass them unchanged.
/// </summary>
public enum ModemState
{
    Failed = -1,
    Unknown = 0,
    Initializing = 1,
    Locked = 2,
    Disabled = 3,
    Disabling = 4,
    Enabling = 5,
    Enabled = 6,
    Searching = 7,
    Registered = 8,
    Disconnecting = 9,
    Connecting = 10,
    Connected = 11,
}
