using WwanDaemon.Linux.Sysfs;
using WwanDaemon.Usb;

namespace WwanDaemon.Devices.Inventory;

/// <summary>
/// Reads USB devices and their ports from a sysfs tree (<paramref name="sysRoot"/>, normally /sys) and
/// names their device nodes under <paramref name="devRoot"/> (normally /dev). Both are options so tests
/// and the simulated machine point them at temporary trees.
/// </summary>
public sealed class DeviceInventory(string sysRoot = "/sys", string devRoot = "/dev")
{
    private readonly SysfsUsbReader reader = new(sysRoot);

    public string SysRoot { get; } = sysRoot;

    public string DevRoot { get; } = devRoot;

    /// <summary>Bus paths of every USB device present ("1-1", "2-6"), not root hubs or interfaces; empty when there is no USB bus.</summary>
    public IReadOnlyList<string> BusPaths()
    {
        var directory = reader.DevicesDirectory;
        if (!Directory.Exists(directory))
        {
            return [];
        }
        return Directory.EnumerateFileSystemEntries(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(IsDeviceName)
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The device at <paramref name="busPath"/> and its ports, or null when it is not there (unplugged, or gone while being read).</summary>
    /// <exception cref="UsbFormatException">The device is there but an attribute is malformed; the message names the file.</exception>
    public DiscoveredDevice? Read(string busPath)
    {
        var link = Path.Combine(reader.DevicesDirectory, busPath);
        if (!Directory.Exists(link))
        {
            return null;
        }
        try
        {
            var device = reader.Read(busPath);
            var sysfsPath = new DirectoryInfo(link).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? link;
            return new DiscoveredDevice(busPath, sysfsPath, device, DevicePortScanner.Scan(link, busPath, DevRoot));
        }
        catch (Exception failure) when (failure is UsbFormatException or IOException && !Directory.Exists(link))
        {
            return null; // unplugged mid-read: absent is the truth, not an error
        }
    }

    /// <summary>"1-6", "2-1.4": a device; "usb1" is a root hub, "1-6:1.0" an interface.</summary>
    internal static bool IsDeviceName(string name) =>
        !name.Contains(':', StringComparison.Ordinal) && !name.StartsWith("usb", StringComparison.Ordinal) && name.Contains('-', StringComparison.Ordinal);
}
