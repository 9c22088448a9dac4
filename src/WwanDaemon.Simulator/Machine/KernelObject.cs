using System.Globalization;
using WwanDaemon.Linux.Uevents;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Simulator.Machine;

/// <summary>
/// One object of the simulated kernel's device model: where it is in sysfs, its subsystem and the
/// properties its uevents and <c>uevent</c> file carry (without DRIVER, which comes and goes with binding).
/// </summary>
/// <param name="Directory">Its directory under the machine's sysfs root.</param>
/// <param name="DevPath">Its path as the kernel prints it, "/devices/usb1/1-6/1-6:1.4" (sysfs root relative).</param>
/// <param name="Subsystem">"usb", "usb-serial", "usbmisc", "tty", "net".</param>
/// <param name="Properties">KEY=value pairs in the kernel's order.</param>
internal sealed record KernelObject(string Directory, string DevPath, string Subsystem, IReadOnlyList<KeyValuePair<string, string>> Properties)
{
    /// <summary>The uevent for <paramref name="action"/>, with DRIVER when bound (as the kernel adds it), numbered <paramref name="sequence"/>.</summary>
    public Uevent ToUevent(UeventAction action, string? driver, long sequence)
    {
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ACTION"] = action.ToString().ToLowerInvariant(),
            ["DEVPATH"] = DevPath,
            ["SUBSYSTEM"] = Subsystem,
        };
        foreach (var (key, value) in UeventFileProperties(driver))
        {
            properties[key] = value;
        }
        properties["SEQNUM"] = sequence.ToString(CultureInfo.InvariantCulture);
        return new Uevent(action, DevPath, Subsystem, properties);
    }

    /// <summary>What the object's <c>uevent</c> file shows: its properties, DRIVER after DEVTYPE when bound.</summary>
    public IReadOnlyDictionary<string, string> UeventFileProperties(string? driver)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in Properties)
        {
            result[key] = value;
            if (key == "DEVTYPE" && driver is not null)
            {
                result["DRIVER"] = driver;
            }
        }
        if (driver is not null)
        {
            result.TryAdd("DRIVER", driver);
        }
        return result;
    }
}

/// <summary>The properties the kernel gives each kind of object (the source file of each is named).</summary>
internal static class KernelObjectProperties
{
    /// <summary>drivers/usb/core/usb.c usb_dev_uevent and driver.c usb_uevent; major 189 (usb_device), minor (bus-1)*128 + devnum-1.</summary>
    public static KeyValuePair<string, string>[] UsbDevice(UsbDevice device, int bus, int deviceNumber) =>
    [
        new("MAJOR", "189"),
        new("MINOR", Invariant((bus - 1) * 128 + deviceNumber - 1)),
        new("DEVNAME", string.Create(CultureInfo.InvariantCulture, $"bus/usb/{bus:D3}/{deviceNumber:D3}")),
        new("DEVTYPE", "usb_device"),
        new("PRODUCT", Product(device)),
        new("TYPE", string.Create(CultureInfo.InvariantCulture, $"{device.DeviceClass.Class}/{device.DeviceClass.Subclass}/{device.DeviceClass.Protocol}")),
        new("BUSNUM", string.Create(CultureInfo.InvariantCulture, $"{bus:D3}")),
        new("DEVNUM", string.Create(CultureInfo.InvariantCulture, $"{deviceNumber:D3}")),
    ];

    /// <summary>drivers/usb/core/driver.c usb_uevent for an interface (INTERFACE in decimal, MODALIAS as usb_device_id matching reads it).</summary>
    public static KeyValuePair<string, string>[] UsbInterface(UsbDevice device, UsbInterface @interface) =>
    [
        new("DEVTYPE", "usb_interface"),
        new("PRODUCT", Product(device)),
        new("TYPE", string.Create(CultureInfo.InvariantCulture, $"{device.DeviceClass.Class}/{device.DeviceClass.Subclass}/{device.DeviceClass.Protocol}")),
        new("INTERFACE", string.Create(CultureInfo.InvariantCulture, $"{@interface.Class.Class}/{@interface.Class.Subclass}/{@interface.Class.Protocol}")),
        new("MODALIAS", string.Create(CultureInfo.InvariantCulture,
            $"usb:v{device.VendorId:X4}p{device.ProductId:X4}d{device.BcdDevice:X4}dc{device.DeviceClass.Class:X2}dsc{device.DeviceClass.Subclass:X2}dp{device.DeviceClass.Protocol:X2}ic{@interface.Class.Class:X2}isc{@interface.Class.Subclass:X2}ip{@interface.Class.Protocol:X2}in{@interface.Number:X2}")),
    ];

    /// <summary>A character device node: MAJOR, MINOR, DEVNAME (drivers/base/core.c dev_uevent).</summary>
    public static KeyValuePair<string, string>[] CharacterDevice(int major, int minor, string name) =>
    [
        new("MAJOR", Invariant(major)),
        new("MINOR", Invariant(minor)),
        new("DEVNAME", name),
    ];

    /// <summary>A net device: INTERFACE and IFINDEX (net/core/net-sysfs.c netdev_uevent), DEVTYPE "wwan" for usbnet's FLAG_WWAN drivers.</summary>
    public static KeyValuePair<string, string>[] NetDevice(string name, int ifindex, bool wwan) => wwan
        ? [new("DEVTYPE", "wwan"), new("INTERFACE", name), new("IFINDEX", Invariant(ifindex))]
        : [new("INTERFACE", name), new("IFINDEX", Invariant(ifindex))];

    private static string Product(UsbDevice device) => string.Create(CultureInfo.InvariantCulture, $"{device.VendorId:x}/{device.ProductId:x}/{device.BcdDevice:x}");

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
