namespace WwanDaemon.Modem.Fleet;

/// <summary>
/// A USB device the daemon saw that is not (or not yet) a working modem, and why: a modem in the
/// wrong configuration waiting for its plan, one in download/boot mode, one caught in a
/// re-enumeration loop, or a device that is not a modem at all.
/// </summary>
/// <param name="Id">The USB bus path ("1-6").</param>
/// <param name="Device">The sysfs path.</param>
/// <param name="VendorId">idVendor.</param>
/// <param name="ProductId">idProduct.</param>
/// <param name="Description">Manufacturer and product strings, when the device has them.</param>
/// <param name="Reason">Why it is not a modem now, for a person.</param>
public sealed record SeenDevice(string Id, string Device, ushort VendorId, ushort ProductId, string? Description, string Reason);

/// <summary>One port of a modem, as ModemManager lists them (Modem.Ports: name without /dev, type).</summary>
/// <param name="Name">"cdc-wdm0", "ttyUSB2", "wwan0".</param>
/// <param name="Type">The port's role.</param>
public sealed record ModemPortInfo(string Name, ModemPortType Type);

/// <summary>ModemManager's MMModemPortType numbers (ModemManager-enums.h, 1.20).</summary>
public enum ModemPortType
{
    Unknown = 1,
    Net = 2,
    At = 3,
    Qcdm = 4,
    Gps = 5,
    Qmi = 6,
    Mbim = 7,
    Audio = 8,
    Ignored = 9,
}

/// <summary>The radio access technology the modem is registered on, when it says.</summary>
public enum AccessTechnology
{
    Unknown,
    Gsm,
    Umts,
    Lte,
    Nr5g,
}
