using System.Globalization;

namespace WwanDaemon.Devices.Binding;

/// <summary>
/// The files the executor reads and writes under a sysfs root. The planner writes paths as on a real
/// machine ("/sys/bus/usb/drivers/cdc_mbim/bind"); they are rebased onto the configured root here.
/// </summary>
internal sealed class SysfsDeviceFiles(string sysRoot, string busPath)
{
    public string BusPath { get; } = busPath;

    /// <summary>"/sys/bus/usb/..." → SYSROOT/bus/usb/...; null for a path outside /sys (a plan bug, not a device problem).</summary>
    public string? Rebase(string path)
    {
        const string Prefix = "/sys/";
        return path.StartsWith(Prefix, StringComparison.Ordinal) && !path.Contains("/../", StringComparison.Ordinal)
            ? Path.Combine(sysRoot, path[Prefix.Length..])
            : null;
    }

    public string DeviceDirectory => Path.Combine(sysRoot, "bus", "usb", "devices", BusPath);

    public string ConfigurationFile => Path.Combine(DeviceDirectory, "bConfigurationValue");

    /// <summary>Interfaces live in the device directory (bus/usb/devices/2-6:3.0 is only a link to it).</summary>
    public string InterfaceDirectory(string interfaceName) => Path.Combine(DeviceDirectory, interfaceName);

    public string InterfaceName(int configuration, int number) => string.Create(CultureInfo.InvariantCulture, $"{BusPath}:{configuration}.{number}");

    public string DriverControl(string driver, string control) => Path.Combine(sysRoot, "bus", "usb", "drivers", driver, control);

    /// <summary>The active configuration, or null when the device (or the attribute) is gone or unconfigured.</summary>
    public int? ActiveConfiguration()
    {
        string text;
        try
        {
            text = File.ReadAllText(ConfigurationFile);
        }
        catch (Exception gone) when (gone is FileNotFoundException or DirectoryNotFoundException)
        {
            return null; // unplugged, or removed mid-re-enumeration: the waits poll again
        }
        return int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    /// <summary>The driver bound to an interface ("2-6:3.0"), or null.</summary>
    public string? BoundDriver(string interfaceName) =>
        new FileInfo(Path.Combine(InterfaceDirectory(interfaceName), "driver")).LinkTarget is { } target ? Path.GetFileName(target.TrimEnd('/')) : null;

    public bool InterfaceExists(string interfaceName) => Directory.Exists(InterfaceDirectory(interfaceName));
}
