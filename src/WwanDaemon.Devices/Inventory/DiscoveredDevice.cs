using WwanDaemon.Usb.Model;

namespace WwanDaemon.Devices.Inventory;

/// <summary>What a port is, by the kernel subsystem that made it.</summary>
public enum DevicePortKind
{
    /// <summary>A tty: usb-serial (ttyUSBn: option, qcserial, sierra, usb_wwan) or cdc_acm (ttyACMn).</summary>
    Tty,

    /// <summary>A cdc-wdm character device (usbmisc): the QMI or MBIM control channel.</summary>
    CdcWdm,

    /// <summary>A network interface (wwan0, usb0): no device node.</summary>
    Net,
}

/// <summary>One port of a USB device.</summary>
/// <param name="Name">The kernel's name: "ttyUSB2", "cdc-wdm0", "wwan0".</param>
/// <param name="Kind">What it is.</param>
/// <param name="Interface">bInterfaceNumber of the interface it hangs under.</param>
/// <param name="Driver">The driver bound to that interface, if any.</param>
/// <param name="NodePath">DEVROOT/name for ttys and cdc-wdm; null for network interfaces.</param>
public sealed record DevicePort(string Name, DevicePortKind Kind, int Interface, string? Driver, string? NodePath);

/// <summary>A USB device with its ports, as sysfs shows it now.</summary>
/// <param name="BusPath">The kernel's bus path, "2-6" or "1-1.4".</param>
/// <param name="SysfsPath">The device directory, SYSROOT/devices/.../2-6.</param>
/// <param name="Device">The USB model (all configurations, bound drivers of the active one).</param>
/// <param name="Ports">Ports ordered by interface, kind and name.</param>
public sealed record DiscoveredDevice(string BusPath, string SysfsPath, UsbDevice Device, IReadOnlyList<DevicePort> Ports)
{
    /// <summary>True when both describe the same device in the same state (records compare lists by reference).</summary>
    public bool SameStateAs(DiscoveredDevice other) =>
        BusPath == other.BusPath && SysfsPath == other.SysfsPath && Device == other.Device && Ports.SequenceEqual(other.Ports);

    public override string ToString() => $"{Device} ({Ports.Count} ports)";
}
