using System.Globalization;
using WwanDaemon.Usb;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Linux.Sysfs;

/// <summary>Reads interface directories (<c>1-6:1.4</c>) of a device's active configuration.</summary>
internal static class SysfsInterfaceReader
{
    /// <summary>The name of the driver an interface is bound to: its <c>driver</c> link's target.</summary>
    public static string? BoundDriver(string deviceDirectory, string busPath, int configuration, int number)
    {
        var link = Path.Combine(deviceDirectory, string.Create(CultureInfo.InvariantCulture, $"{busPath}:{configuration}.{number}"), "driver");
        var info = new FileInfo(link);
        return info.LinkTarget is { } target ? Path.GetFileName(target.TrimEnd('/')) : null;
    }

    /// <summary>Without a <c>descriptors</c> file only the active configuration can be rebuilt, from the interface and endpoint directories.</summary>
    public static UsbConfiguration ActiveConfigurationFromDirectories(string deviceDirectory, string busPath, int value)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{busPath}:{value}.");
        var interfaces = Directory.EnumerateDirectories(deviceDirectory, prefix + "*")
            .Select(directory => Interface(directory))
            .OrderBy(i => i.Number)
            .ThenBy(i => i.AlternateSetting)
            .ToEquatableList();
        var attributes = SysfsUsbReader.Optional(deviceDirectory, "bmAttributes") is { } text && int.TryParse(text, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0x80;
        var power = SysfsUsbReader.Optional(deviceDirectory, "bMaxPower") is { } powerText && int.TryParse(powerText.TrimEnd('A', 'm'), NumberStyles.Integer, CultureInfo.InvariantCulture, out var milliamps) ? milliamps : 0;
        return new UsbConfiguration(value, (byte)attributes, power, EquatableList<UsbInterfaceAssociation>.Empty, interfaces);
    }

    private static UsbInterface Interface(string directory)
    {
        var endpoints = Directory.EnumerateDirectories(directory, "ep_*")
            .Select(Endpoint)
            .OrderBy(e => e.Address) // sysfs keeps no descriptor order
            .ToEquatableList();
        return new UsbInterface(
            SysfsUsbReader.Hex(directory, "bInterfaceNumber"),
            SysfsUsbReader.ParseDecimal(directory, "bAlternateSetting", SysfsUsbReader.Optional(directory, "bAlternateSetting") ?? "0"),
            new UsbClassTriple((byte)SysfsUsbReader.Hex(directory, "bInterfaceClass"), (byte)SysfsUsbReader.Hex(directory, "bInterfaceSubClass"), (byte)SysfsUsbReader.Hex(directory, "bInterfaceProtocol")),
            endpoints);
    }

    private static UsbEndpoint Endpoint(string directory)
    {
        var type = SysfsUsbReader.Optional(directory, "type") switch
        {
            "Interrupt" => UsbTransferType.Interrupt,
            "Bulk" => UsbTransferType.Bulk,
            "Isoc" => UsbTransferType.Isochronous,
            "Control" => UsbTransferType.Control,
            var other => throw new UsbFormatException(Path.Combine(directory, "type"), null, $"holds '{other}', not Interrupt, Bulk, Isoc or Control"),
        };
        return new UsbEndpoint(
            (byte)SysfsUsbReader.Hex(directory, "bEndpointAddress"),
            type,
            SysfsUsbReader.Hex(directory, "wMaxPacketSize") & 0x07ff,
            (byte)SysfsUsbReader.Hex(directory, "bInterval"));
    }
}
