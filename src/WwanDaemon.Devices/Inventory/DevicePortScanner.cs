using System.Globalization;

namespace WwanDaemon.Devices.Inventory;

/// <summary>
/// Finds the ports under a device's interface directories, laid out as the kernel does:
/// <code>
/// 2-6:1.3/usbmisc/cdc-wdm0/           cdc-wdm (drivers/usb/class/cdc-wdm.c registers it in class usbmisc)
/// 2-6:1.2/ttyUSB2/tty/ttyUSB2/        usb-serial: the port device, then its tty (drivers/usb/serial/bus.c)
/// 2-6:1.0/tty/ttyACM0/                cdc_acm
/// 2-6:1.3/net/wwan0/                  a network interface
/// </code>
/// </summary>
internal static class DevicePortScanner
{
    public static IReadOnlyList<DevicePort> Scan(string deviceDirectory, string busPath, string devRoot)
    {
        var ports = new List<DevicePort>();
        foreach (var interfaceDirectory in Directory.EnumerateDirectories(deviceDirectory, busPath + ":*"))
        {
            if (InterfaceNumber(interfaceDirectory) is not { } number)
            {
                continue; // half-written during enumeration: the next event rescans it
            }
            var driver = new FileInfo(Path.Combine(interfaceDirectory, "driver")).LinkTarget is { } target ? Path.GetFileName(target.TrimEnd('/')) : null;
            foreach (var name in Children(interfaceDirectory, "usbmisc"))
            {
                ports.Add(new DevicePort(name, DevicePortKind.CdcWdm, number, driver, Path.Combine(devRoot, name)));
            }
            foreach (var name in Children(interfaceDirectory, "tty"))
            {
                ports.Add(new DevicePort(name, DevicePortKind.Tty, number, driver, Path.Combine(devRoot, name)));
            }
            foreach (var serialPort in Directory.EnumerateDirectories(interfaceDirectory, "ttyUSB*"))
            {
                foreach (var name in Children(serialPort, "tty"))
                {
                    ports.Add(new DevicePort(name, DevicePortKind.Tty, number, driver, Path.Combine(devRoot, name)));
                }
            }
            foreach (var name in Children(interfaceDirectory, "net"))
            {
                ports.Add(new DevicePort(name, DevicePortKind.Net, number, driver, null));
            }
        }
        return ports.OrderBy(p => p.Interface).ThenBy(p => p.Kind).ThenBy(p => p.Name, StringComparer.Ordinal).ToArray();
    }

    private static IEnumerable<string> Children(string directory, string subdirectory)
    {
        var path = Path.Combine(directory, subdirectory);
        return Directory.Exists(path)
            ? Directory.EnumerateFileSystemEntries(path).Select(Path.GetFileName).OfType<string>()
            : [];
    }

    private static int? InterfaceNumber(string interfaceDirectory)
    {
        var path = Path.Combine(interfaceDirectory, "bInterfaceNumber");
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;
    }
}
