using System.Globalization;
using WwanDaemon.Usb;
using WwanDaemon.Usb.Descriptors;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Linux.Sysfs;

/// <summary>
/// Builds the USB model from a live sysfs tree (Documentation/ABI/stable/sysfs-bus-usb): the device
/// directory's attributes, the binary <c>descriptors</c> file for every configuration, and the
/// interface directories (<c>1-6:1.4</c>) for the drivers bound in the active one. The root is an
/// option so tests and the simulator can point it at a fake tree.
/// </summary>
public sealed class SysfsUsbReader(string sysfsRoot = "/sys")
{
    public string DevicesDirectory => Path.Combine(sysfsRoot, "bus", "usb", "devices");

    /// <summary>Every USB device (not root hubs, not interfaces).</summary>
    public IReadOnlyList<UsbDevice> ReadAll()
    {
        if (!Directory.Exists(DevicesDirectory))
        {
            throw new UsbFormatException(DevicesDirectory, null, $"is missing: is '{sysfsRoot}' a sysfs root (normally /sys)?");
        }
        return Directory.EnumerateFileSystemEntries(DevicesDirectory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => !name.Contains(':', StringComparison.Ordinal) && !name.StartsWith("usb", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(Read)
            .ToArray();
    }

    /// <summary>One device by its bus path ("1-6").</summary>
    /// <exception cref="UsbFormatException">A required attribute is missing or malformed; the message names the file.</exception>
    public UsbDevice Read(string busPath)
    {
        var directory = Path.Combine(DevicesDirectory, busPath);
        if (!Directory.Exists(directory))
        {
            throw new UsbFormatException(directory, null, "no such USB device directory");
        }
        var speed = Optional(directory, "speed");
        var descriptorsPath = Path.Combine(directory, "descriptors");
        var fromDescriptors = File.Exists(descriptorsPath)
            ? UsbDescriptorParser.Parse(File.ReadAllBytes(descriptorsPath), descriptorsPath, speed)
            : null;
        var active = Optional(directory, "bConfigurationValue") is { Length: > 0 } value ? ParseDecimal(directory, "bConfigurationValue", value) : (int?)null;
        var device = (fromDescriptors ?? new UsbDevice { VendorId = 0, ProductId = 0 }) with
        {
            BusPath = busPath,
            VendorId = (ushort)Hex(directory, "idVendor"),
            ProductId = (ushort)Hex(directory, "idProduct"),
            BcdDevice = (ushort)Hex(directory, "bcdDevice"),
            Manufacturer = Optional(directory, "manufacturer"),
            Product = Optional(directory, "product"),
            SerialNumber = Optional(directory, "serial"),
            Speed = speed,
            ActiveConfiguration = active,
            DriversKnown = true,
        };
        if (fromDescriptors is null)
        {
            device = device with
            {
                UsbVersion = Optional(directory, "version")?.Trim(),
                ConfigurationCount = Optional(directory, "bNumConfigurations") is { } count ? ParseDecimal(directory, "bNumConfigurations", count) : 1,
                Configurations = active is { } value2 ? EquatableList.Of(SysfsInterfaceReader.ActiveConfigurationFromDirectories(directory, busPath, value2)) : EquatableList<UsbConfiguration>.Empty,
            };
        }
        return WithBoundDrivers(device, directory, busPath);
    }

    /// <summary>Drivers are known only for the active configuration's interfaces: their directories' driver links.</summary>
    private static UsbDevice WithBoundDrivers(UsbDevice device, string directory, string busPath)
    {
        if (device.ActiveConfiguration is not { } active)
        {
            return device;
        }
        return device with
        {
            Configurations = device.Configurations.Select(c => c.Value != active ? c : c with
            {
                Interfaces = c.Interfaces.Select(i => i with { Driver = SysfsInterfaceReader.BoundDriver(directory, busPath, active, i.Number) }).ToEquatableList(),
            }).ToEquatableList(),
        };
    }

    internal static string? Optional(string directory, string attribute)
    {
        var path = Path.Combine(directory, attribute);
        return File.Exists(path) ? File.ReadAllText(path).TrimEnd('\n') : null;
    }

    internal static int Hex(string directory, string attribute)
    {
        var text = Optional(directory, attribute)
            ?? throw new UsbFormatException(Path.Combine(directory, attribute), null, "is missing: not a USB device directory, or the device went away");
        return int.TryParse(text.Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsbFormatException(Path.Combine(directory, attribute), null, $"holds '{text}', not a hexadecimal number");
    }

    internal static int ParseDecimal(string directory, string attribute, string text) =>
        int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new UsbFormatException(Path.Combine(directory, attribute), null, $"holds '{text}', not a decimal number");
}
