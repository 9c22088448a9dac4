using System.Text.RegularExpressions;

namespace WwanDaemon.Devices.Watching;

/// <summary>
/// The USB device a uevent belongs to. A DEVPATH names the device and everything above it:
/// "/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1.4/2-1.4:1.3/net/wwan0" belongs to "2-1.4", the
/// deepest USB device name in it ("2-1" is the hub it hangs off). Device names are BUS-PORT[.PORT...]
/// (drivers/usb/core/usb.c, usb_alloc_dev).
/// </summary>
public static partial class UeventBusPath
{
    [GeneratedRegex(@"^\d+-\d+(\.\d+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex DeviceName();

    /// <summary>The bus path, or null when the path is not under a USB device (a virtual net device, a PCI tty).</summary>
    public static string? Of(string devPath) =>
        devPath.Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(segment => DeviceName().IsMatch(segment));
}
