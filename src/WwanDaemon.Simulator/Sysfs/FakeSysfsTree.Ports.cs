using System.Globalization;

namespace WwanDaemon.Simulator.Sysfs;

/// <summary>
/// Ports and driver links in the fake tree, laid out as the kernel lays them out:
/// <code>
/// .../1-6:1.3/usbmisc/cdc-wdm0/{dev,device -> ../../}   ROOT/class/usbmisc/cdc-wdm0 -> it   (cdc-wdm.c)
/// .../1-6:1.2/ttyUSB2/tty/ttyUSB2/dev                     ROOT/class/tty/ttyUSB2 -> it        (usb-serial)
/// .../1-6:1.0/tty/ttyACM0/dev                             ROOT/class/tty/ttyACM0 -> it        (cdc_acm)
/// .../1-6:1.3/net/wwan0/                                  ROOT/class/net/wwan0 -> it
/// .../1-6:1.3/driver -> ROOT/bus/usb/drivers/qmi_wwan
/// </code>
/// Interfaces are named as in ROOT/bus/usb/devices ("1-6:1.3"); each helper returns the directory it made.
/// </summary>
public sealed partial class FakeSysfsTree
{
    private static readonly string[] PortDirectories = ["usbmisc", "tty", "net"];

    /// <summary>ROOT/devices/usbN/1-6/1-6:1.3 for "1-6:1.3".</summary>
    public string InterfacePath(string interfaceName) => Path.Combine(DevicePath(interfaceName.Split(':')[0]), interfaceName);

    /// <summary>A cdc-wdm node (major 180, minor from the name's number) under the interface.</summary>
    public string AddCdcWdm(string interfaceName, string name)
    {
        var directory = Path.Combine(InterfacePath(interfaceName), "usbmisc", name);
        Directory.CreateDirectory(directory);
        Write(directory, "dev", "180:" + Number(name));
        LinkIfAbsent(Path.Combine(directory, "device"), Path.Combine("..", ".."));
        LinkClass("usbmisc", name, directory);
        return directory;
    }

    /// <summary>A usb-serial port and its tty (ttyUSBn, major 188).</summary>
    public string AddSerialTty(string interfaceName, string name)
    {
        var directory = Path.Combine(InterfacePath(interfaceName), name, "tty", name);
        Directory.CreateDirectory(directory);
        Write(directory, "dev", "188:" + Number(name));
        LinkClass("tty", name, directory);
        return directory;
    }

    /// <summary>A cdc_acm tty (ttyACMn, major 166).</summary>
    public string AddAcmTty(string interfaceName, string name)
    {
        var directory = Path.Combine(InterfacePath(interfaceName), "tty", name);
        Directory.CreateDirectory(directory);
        Write(directory, "dev", "166:" + Number(name));
        LinkClass("tty", name, directory);
        return directory;
    }

    /// <summary>A network interface (wwan0, usb0).</summary>
    public string AddNetworkInterface(string interfaceName, string name)
    {
        var directory = Path.Combine(InterfacePath(interfaceName), "net", name);
        Directory.CreateDirectory(directory);
        LinkClass("net", name, directory);
        return directory;
    }

    /// <summary>Points the interface's driver link at <paramref name="driver"/> (creating the driver directory).</summary>
    public void BindDriver(string interfaceName, string driver)
    {
        var link = Path.Combine(InterfacePath(interfaceName), "driver");
        if (new FileInfo(link).LinkTarget is not null)
        {
            File.Delete(link);
        }
        File.CreateSymbolicLink(link, AddDriver(driver));
    }

    /// <summary>Removes the interface's driver link and the ports the driver made (usbmisc, tty, ttyUSB*, net).</summary>
    public void UnbindDriver(string interfaceName)
    {
        var directory = InterfacePath(interfaceName);
        var link = Path.Combine(directory, "driver");
        if (new FileInfo(link).LinkTarget is not null)
        {
            File.Delete(link);
        }
        foreach (var ports in PortDirectories.Select(p => Path.Combine(directory, p)).Concat(Directory.EnumerateDirectories(directory, "ttyUSB*")).ToArray())
        {
            if (Directory.Exists(ports))
            {
                Directory.Delete(ports, recursive: true);
            }
        }
    }

    private void LinkClass(string className, string name, string target)
    {
        var classDirectory = Path.Combine(Root, "class", className);
        Directory.CreateDirectory(classDirectory);
        var link = Path.Combine(classDirectory, name);
        if (new FileInfo(link).LinkTarget is not null)
        {
            File.Delete(link); // a port number reused after re-enumeration points at the new device
        }
        File.CreateSymbolicLink(link, target);
    }

    private static void LinkIfAbsent(string link, string target)
    {
        if (new FileInfo(link).LinkTarget is null)
        {
            File.CreateSymbolicLink(link, target);
        }
    }

    private static string Number(string name) =>
        int.Parse(new string(name.Reverse().TakeWhile(char.IsAsciiDigit).Reverse().ToArray()) is { Length: > 0 } digits ? digits : "0", CultureInfo.InvariantCulture)
            .ToString(CultureInfo.InvariantCulture);
}
