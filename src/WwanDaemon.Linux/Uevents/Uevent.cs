namespace WwanDaemon.Linux.Uevents;

/// <summary>A uevent's ACTION (Documentation/ABI/testing/sysfs-uevent; lib/kobject_uevent.c kobject_actions).</summary>
public enum UeventAction
{
    Add,
    Remove,
    Change,
    Move,
    Online,
    Offline,
    Bind,
    Unbind,
}

/// <summary>
/// One kernel uevent: what happened (<paramref name="Action"/>) to which sysfs object
/// (<paramref name="DevPath"/>, as the kernel prints it: "/devices/pci0000:00/.../1-6/1-6:1.4", relative to
/// the sysfs root so a fake tree resolves it as ROOT + DevPath), in which subsystem ("usb", "usbmisc",
/// "tty", "net", "wwan"), with every KEY=value the message carried (DEVTYPE, DEVNAME, DRIVER, INTERFACE, ...).
/// </summary>
public sealed record Uevent(UeventAction Action, string DevPath, string Subsystem, IReadOnlyDictionary<string, string> Properties)
{
    /// <summary>DEVTYPE ("usb_device", "usb_interface", "wwan"), or null.</summary>
    public string? DevType => Properties.GetValueOrDefault("DEVTYPE");

    /// <summary>DEVNAME ("ttyUSB2", "cdc-wdm0", "bus/usb/001/004"), or null.</summary>
    public string? DevName => Properties.GetValueOrDefault("DEVNAME");

    /// <summary>INTERFACE for net devices ("wwan0"), or null.</summary>
    public string? Interface => Properties.GetValueOrDefault("INTERFACE");

    /// <summary>DRIVER on bind events, or null.</summary>
    public string? Driver => Properties.GetValueOrDefault("DRIVER");

    public override string ToString() => $"{Action.ToString().ToLowerInvariant()} {DevPath} ({Subsystem})";
}
