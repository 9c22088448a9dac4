using System.Globalization;
using WwanDaemon.Usb.Descriptors;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Simulator.Sysfs;

/// <summary>
/// A fake sysfs tree laid out as Linux lays it out (Documentation/ABI/stable/sysfs-bus-usb), so the
/// real sysfs code paths run against a simulated modem:
/// <code>
/// ROOT/devices/usbN/1-6/{idVendor,idProduct,bcdDevice,speed,bConfigurationValue,descriptors,...}
/// ROOT/devices/usbN/1-6/1-6:1.4/{bInterfaceNumber,...,ep_89/...,driver -> ROOT/bus/usb/drivers/qmi_wwan}
/// ROOT/bus/usb/devices/1-6 -> ROOT/devices/usbN/1-6
/// ROOT/bus/usb/drivers/NAME/{bind,unbind,new_id}
/// </code>
/// Attribute files hold what the kernel prints (hex ids without 0x, a trailing newline).
/// Adding, removing and re-enumerating a device raise <see cref="Changed"/>, the fake's stand-in for
/// the kernel's "add"/"remove" uevents (Documentation/ABI/testing/sysfs-uevent).
/// </summary>
public sealed partial class FakeSysfsTree(string root)
{
    public string Root { get; } = root;

    /// <summary>Raised after a device directory was written ("add") or deleted ("remove").</summary>
    public event Action<FakeSysfsEvent>? Changed;

    /// <summary>Writes a device and its active configuration's interfaces; returns the device directory.</summary>
    public string AddDevice(UsbDevice device, string busPath)
    {
        var bus = busPath.Split('-')[0];
        var directory = Path.Combine(Root, "devices", "usb" + bus, busPath);
        Directory.CreateDirectory(directory);
        Write(directory, "idVendor", device.VendorId.ToString("x4", CultureInfo.InvariantCulture));
        Write(directory, "idProduct", device.ProductId.ToString("x4", CultureInfo.InvariantCulture));
        Write(directory, "bcdDevice", device.BcdDevice.ToString("x4", CultureInfo.InvariantCulture));
        Write(directory, "version", " " + (device.UsbVersion ?? "2.00"));
        Write(directory, "bNumConfigurations", device.ConfigurationCount.ToString(CultureInfo.InvariantCulture));
        Write(directory, "bConfigurationValue", device.ActiveConfiguration?.ToString(CultureInfo.InvariantCulture) ?? "");
        WriteIfPresent(directory, "speed", device.Speed);
        WriteIfPresent(directory, "manufacturer", device.Manufacturer);
        WriteIfPresent(directory, "product", device.Product);
        WriteIfPresent(directory, "serial", device.SerialNumber);
        File.WriteAllBytes(Path.Combine(directory, "descriptors"), UsbDescriptorWriter.Write(device));
        if (device.Active is { } active)
        {
            foreach (var @interface in active.Interfaces.Where(i => i.AlternateSetting == 0))
            {
                AddInterface(directory, busPath, active.Value, @interface);
            }
        }
        var link = Path.Combine(Root, "bus", "usb", "devices", busPath);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        if (!Path.Exists(link))
        {
            File.CreateSymbolicLink(link, directory);
        }
        Changed?.Invoke(new FakeSysfsEvent(FakeSysfsAction.Add, busPath, directory, device));
        return directory;
    }

    /// <summary>A driver directory with its control files, as the binding executor writes them.</summary>
    public string AddDriver(string name)
    {
        var directory = Path.Combine(Root, "bus", "usb", "drivers", name);
        Directory.CreateDirectory(directory);
        foreach (var control in new[] { "bind", "unbind", "new_id" })
        {
            var path = Path.Combine(directory, control);
            if (!File.Exists(path))
            {
                File.WriteAllText(path, "");
            }
        }
        return directory;
    }

    /// <summary>Writes one interface directory (its alternate setting's attributes and endpoints, and a driver link when it names one); returns it.</summary>
    internal string AddInterface(string deviceDirectory, string busPath, int configuration, UsbInterface @interface)
    {
        var directory = Path.Combine(deviceDirectory, string.Create(CultureInfo.InvariantCulture, $"{busPath}:{configuration}.{@interface.Number}"));
        Directory.CreateDirectory(directory);
        Write(directory, "bInterfaceNumber", @interface.Number.ToString("x2", CultureInfo.InvariantCulture));
        Write(directory, "bAlternateSetting", @interface.AlternateSetting.ToString("D", CultureInfo.InvariantCulture).PadLeft(2));
        Write(directory, "bInterfaceClass", @interface.Class.Class.ToString("x2", CultureInfo.InvariantCulture));
        Write(directory, "bInterfaceSubClass", @interface.Class.Subclass.ToString("x2", CultureInfo.InvariantCulture));
        Write(directory, "bInterfaceProtocol", @interface.Class.Protocol.ToString("x2", CultureInfo.InvariantCulture));
        Write(directory, "bNumEndpoints", @interface.Endpoints.Count.ToString("x2", CultureInfo.InvariantCulture));
        foreach (var endpoint in @interface.Endpoints)
        {
            var ep = Path.Combine(directory, $"ep_{endpoint.Address:x2}");
            Directory.CreateDirectory(ep);
            Write(ep, "bEndpointAddress", endpoint.Address.ToString("x2", CultureInfo.InvariantCulture));
            Write(ep, "type", endpoint.Type switch { UsbTransferType.Interrupt => "Interrupt", UsbTransferType.Bulk => "Bulk", UsbTransferType.Isochronous => "Isoc", _ => "Control" });
            Write(ep, "wMaxPacketSize", endpoint.MaxPacketSize.ToString("x4", CultureInfo.InvariantCulture));
            Write(ep, "bInterval", endpoint.Interval.ToString("x2", CultureInfo.InvariantCulture));
        }
        if (@interface.Driver is { } driver)
        {
            File.CreateSymbolicLink(Path.Combine(directory, "driver"), AddDriver(driver));
        }
        return directory;
    }

    private static void Write(string directory, string attribute, string value) =>
        File.WriteAllText(Path.Combine(directory, attribute), value + "\n");

    private static void WriteIfPresent(string directory, string attribute, string? value)
    {
        if (value is not null)
        {
            Write(directory, attribute, value);
        }
    }
}
