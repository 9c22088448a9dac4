using WwanDaemon.Usb.Model;

namespace WwanDaemon.Simulator.Sysfs;

/// <summary>What happened to a device in the fake tree, as a kernel uevent's ACTION says it.</summary>
public enum FakeSysfsAction
{
    Add,
    Remove,
}

/// <summary>One change of the fake tree: the device at <paramref name="BusPath"/> appeared (with <paramref name="Device"/>) or went.</summary>
public sealed record FakeSysfsEvent(FakeSysfsAction Action, string BusPath, string DevicePath, UsbDevice? Device);

public sealed partial class FakeSysfsTree
{
    /// <summary>The device directory for <paramref name="busPath"/> ("1-6" → ROOT/devices/usb1/1-6).</summary>
    public string DevicePath(string busPath) => Path.Combine(Root, "devices", "usb" + busPath.Split('-')[0], busPath);

    /// <summary>
    /// Deletes a device as an unplug does: its directory with every interface, and its
    /// bus/usb/devices link. The driver directories stay (drivers outlive devices).
    /// </summary>
    public void RemoveDevice(string busPath)
    {
        var directory = DevicePath(busPath);
        var link = Path.Combine(Root, "bus", "usb", "devices", busPath);
        if (new FileInfo(link).LinkTarget is not null)
        {
            File.Delete(link);
        }
        if (!Directory.Exists(directory))
        {
            return;
        }
        // Interface "driver" entries are symbolic links to driver directories: unlink them first so
        // the recursive delete can never reach into a driver's directory.
        foreach (var driverLink in Directory.EnumerateFileSystemEntries(directory, "driver", SearchOption.AllDirectories).ToArray())
        {
            File.Delete(driverLink);
        }
        Directory.Delete(directory, recursive: true);
        Changed?.Invoke(new FakeSysfsEvent(FakeSysfsAction.Remove, busPath, directory, null));
    }

    /// <summary>
    /// The device at <paramref name="busPath"/> leaves and comes back as <paramref name="device"/>
    /// (a composition switch: same port, new product id and interfaces): "remove", then "add".
    /// </summary>
    public string Reenumerate(UsbDevice device, string busPath)
    {
        RemoveDevice(busPath);
        return AddDevice(device, busPath);
    }
}
