using System.Globalization;
using WwanDaemon.Composition.Classification;
using WwanDaemon.Linux.Uevents;
using WwanDaemon.Simulator.DataPath;

namespace WwanDaemon.Simulator.Machine;

public sealed partial class SimulatedMachine
{
    /// <summary>
    /// Creates one class device of a driver bound to <paramref name="interface"/>, laid out as the
    /// contract (and Linux) has it, with its uevent, its class link and, for a tty or cdc-wdm, its
    /// DEVROOT node served by the modem's port for that interface.
    /// </summary>
    private ClassNode CreateClassNode(PluggedDevice device, BoundInterface @interface, string driver, ClassNodeKind kind)
    {
        var prefix = kind switch
        {
            ClassNodeKind.CdcWdm => "cdc-wdm",
            ClassNodeKind.TtyUsb => "ttyUSB",
            ClassNodeKind.TtyAcm => "ttyACM",
            ClassNodeKind.NetWwan => "wwan",
            _ => "usb",
        };
        var number = numbers.Allocate(prefix);
        var name = prefix + number.ToString(CultureInfo.InvariantCulture);
        TunPacketResponder? dataPath;
        try
        {
            dataPath = StartDataPath(device, name, kind);
        }
        catch (IOException)
        {
            numbers.Release(prefix, number); // the interface gets no node; the caller sees the TUN's error
            throw;
        }
        var node = kind switch
        {
            ClassNodeKind.CdcWdm => CharacterNode(kind, @interface.Object.Directory, "usbmisc", name, number, 180, 176 + number),
            ClassNodeKind.TtyAcm => CharacterNode(kind, @interface.Object.Directory, "tty", name, number, 166, number),
            ClassNodeKind.TtyUsb => SerialNode(@interface, driver, name, number),
            _ => NetNode(kind, @interface, driver, name, number),
        };
        node.DataPath = dataPath;
        if (node.SerialPort is { } port)
        {
            Raise(port, UeventAction.Add, null);
        }
        Raise(node.Object, UeventAction.Add, null);
        if (node.SerialPort is { } boundPort)
        {
            Raise(boundPort, UeventAction.Bind, node.SerialDriver);
        }
        if (kind is ClassNodeKind.CdcWdm or ClassNodeKind.TtyUsb or ClassNodeKind.TtyAcm)
        {
            var role = RoleOf(device, @interface.Number);
            var needsDtr = kind != ClassNodeKind.CdcWdm
                && KnowledgeOf(device)?.Quirks.Any(q => q.Name == "needs-dtr" && (q.Interfaces is null || q.Interfaces.Contains(@interface.Number))) == true;
            var view = Device(device.BusPath);
            var simulatedPort = ModemPortFactory.Create(device.Modem, kind, driver, role, needsDtr, name, view?.Faults ?? new PortFaults());
            view?.Served(name, simulatedPort);
            node.Served = ServedNode.Start(Path.Combine(DevRoot, name), simulatedPort);
        }
        return node;
    }

    private async Task RemoveClassNodeAsync(ClassNode node)
    {
        if (node.Served is { } served && await served.StopAsync().ConfigureAwait(false) is { } failure)
        {
            lock (logGate)
            {
                backgroundFailures.Add(failure);
            }
        }
        node.Served = null;
        StopDataPath(node);
        Raise(node.Object, UeventAction.Remove, null);
        MachineSysfs.Unlink(node.ClassLink);
        if (node.SerialPort is { } port)
        {
            Raise(port, UeventAction.Unbind, null);
            Raise(port, UeventAction.Remove, null);
            MachineSysfs.Unlink(Path.Combine(SysRoot, "bus", "usb-serial", "devices", node.Name));
            MachineSysfs.DeleteTree(port.Directory);
        }
        else
        {
            MachineSysfs.DeleteTree(node.Object.Directory);
        }
        numbers.Release(PrefixOf(node.Name), node.Number);
    }

    /// <summary>cdc-wdm (INTERFACE/usbmisc/cdc-wdmN) or cdc_acm (INTERFACE/tty/ttyACMN): a char device with dev, device -> ../../ and a class link.</summary>
    private ClassNode CharacterNode(ClassNodeKind kind, string interfaceDirectory, string subsystem, string name, int number, int major, int minor)
    {
        var directory = Path.Combine(interfaceDirectory, subsystem, name);
        var @object = WriteCharacterDevice(directory, subsystem, name, major, minor);
        var classLink = Path.Combine(SysRoot, "class", subsystem, name);
        MachineSysfs.Link(classLink, directory);
        return new ClassNode(kind, name, number, @object) { ClassLink = classLink };
    }

    /// <summary>A usb-serial port (INTERFACE/ttyUSBN, bus usb-serial, driver e.g. option1) holding its tty (ttyUSBN/tty/ttyUSBN, char 188:N).</summary>
    private ClassNode SerialNode(BoundInterface @interface, string driver, string name, int number)
    {
        var serialDriver = SerialDriverName(driver);
        var portDirectory = Path.Combine(@interface.Object.Directory, name);
        Directory.CreateDirectory(portDirectory);
        MachineSysfs.WriteAttribute(portDirectory, "port_number", "0");
        MachineSysfs.Link(Path.Combine(portDirectory, "subsystem"), Path.Combine(SysRoot, "bus", "usb-serial"));
        MachineSysfs.Link(Path.Combine(portDirectory, "driver"), EnsureSerialDriver(serialDriver));
        var port = new KernelObject(portDirectory, DevPathOf(portDirectory), "usb-serial", []);
        MachineSysfs.WriteUeventFile(portDirectory, port.UeventFileProperties(serialDriver));
        MachineSysfs.Link(Path.Combine(SysRoot, "bus", "usb-serial", "devices", name), portDirectory);
        var tty = WriteCharacterDevice(Path.Combine(portDirectory, "tty", name), "tty", name, 188, number);
        var classLink = Path.Combine(SysRoot, "class", "tty", name);
        MachineSysfs.Link(classLink, tty.Directory);
        return new ClassNode(ClassNodeKind.TtyUsb, name, number, tty) { SerialPort = port, SerialDriver = serialDriver, ClassLink = classLink };
    }

    /// <summary>A usbnet net device, INTERFACE/net/NAME; qmi_wwan adds qmi/raw_ip ("N" until the host asks for raw IP).</summary>
    private ClassNode NetNode(ClassNodeKind kind, BoundInterface @interface, string driver, string name, int number)
    {
        var directory = Path.Combine(@interface.Object.Directory, "net", name);
        Directory.CreateDirectory(directory);
        var ifindex = nextIfindex++;
        MachineSysfs.WriteAttribute(directory, "ifindex", ifindex.ToString(CultureInfo.InvariantCulture));
        // A locally administered unicast address, different per interface index.
        MachineSysfs.WriteAttribute(directory, "address", string.Create(CultureInfo.InvariantCulture, $"02:57:57:00:{ifindex >> 8 & 0xff:x2}:{ifindex & 0xff:x2}"));
        MachineSysfs.WriteAttribute(directory, "type", "1");
        MachineSysfs.WriteAttribute(directory, "mtu", "1500");
        MachineSysfs.WriteAttribute(directory, "operstate", "down");
        MachineSysfs.Link(Path.Combine(directory, "device"), @interface.Object.Directory);
        MachineSysfs.Link(Path.Combine(directory, "subsystem"), Path.Combine(SysRoot, "class", "net"));
        var @object = new KernelObject(directory, DevPathOf(directory), "net", KernelObjectProperties.NetDevice(name, ifindex, kind == ClassNodeKind.NetWwan));
        MachineSysfs.WriteUeventFile(directory, @object.UeventFileProperties(null));
        string? rawIpFile = null;
        if (driver == "qmi_wwan")
        {
            Directory.CreateDirectory(Path.Combine(directory, "qmi"));
            rawIpFile = Path.Combine(directory, "qmi", "raw_ip");
            MachineSysfs.WriteAttribute(Path.GetDirectoryName(rawIpFile)!, "raw_ip", "N");
        }
        var classLink = Path.Combine(SysRoot, "class", "net", name);
        MachineSysfs.Link(classLink, directory);
        return new ClassNode(kind, name, number, @object) { ClassLink = classLink, RawIpFile = rawIpFile };
    }

    private KernelObject WriteCharacterDevice(string directory, string subsystem, string name, int major, int minor)
    {
        Directory.CreateDirectory(directory);
        MachineSysfs.WriteAttribute(directory, "dev", string.Create(CultureInfo.InvariantCulture, $"{major}:{minor}"));
        MachineSysfs.Link(Path.Combine(directory, "device"), Path.GetDirectoryName(Path.GetDirectoryName(directory))!);
        MachineSysfs.Link(Path.Combine(directory, "subsystem"), Path.Combine(SysRoot, "class", subsystem));
        var @object = new KernelObject(directory, DevPathOf(directory), subsystem, KernelObjectProperties.CharacterDevice(major, minor, name));
        MachineSysfs.WriteUeventFile(directory, @object.UeventFileProperties(null));
        return @object;
    }

    private static string PrefixOf(string name) => name.TrimEnd("0123456789".ToCharArray());

    /// <summary>The usb-serial driver's own name ("option1" for option), from where Composition says its new_id lives.</summary>
    private static string SerialDriverName(string driver) =>
        KernelDrivers.IsSerialDriver(driver) ? Path.GetFileName(Path.GetDirectoryName(KernelDrivers.NewIdPath(driver))!) : driver;
}
