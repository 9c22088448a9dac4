using WwanDaemon.Composition.Classification;
using WwanDaemon.Simulator.DataPath;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Simulator.Machine;

/// <summary>A plugged device as the simulated kernel holds it (changed only under the kernel lock).</summary>
internal sealed class PluggedDevice(SimulatedModem modem, string busPath, int bus, int deviceNumber, UsbDevice device, KernelObject @object)
{
    public SimulatedModem Modem { get; } = modem;

    public string BusPath { get; } = busPath;

    public int Bus { get; } = bus;

    public int DeviceNumber { get; } = deviceNumber;

    /// <summary>The device's descriptors (no drivers: the kernel model binds them).</summary>
    public UsbDevice Device { get; } = device;

    public KernelObject Object { get; } = @object;

    /// <summary>bConfigurationValue; 0 while unconfigured.</summary>
    public int Configuration { get; set; }

    public SortedDictionary<int, BoundInterface> Interfaces { get; } = [];

    /// <summary>The roles of the active configuration's interfaces (which ports answer AT).</summary>
    public IReadOnlyList<ClassifiedInterface> Roles { get; set; } = [];

    /// <summary>The value the machine last wrote to bConfigurationValue (a different content is a write to apply).</summary>
    public string ConfigurationText => Configuration == 0 ? "" : Configuration.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public UsbConfiguration? ActiveConfiguration => Device.Configuration(Configuration);
}

/// <summary>An interface of the active configuration and what is bound to it.</summary>
internal sealed class BoundInterface(int number, string name, KernelObject @object)
{
    public int Number { get; } = number;

    /// <summary>"1-6:3.0".</summary>
    public string Name { get; } = name;

    public KernelObject Object { get; } = @object;

    public string? Driver { get; set; }

    /// <summary>For a CDC data interface claimed with its control interface: the control's number.</summary>
    public int? ClaimedBy { get; set; }

    /// <summary>For a control interface: the data interface it claimed.</summary>
    public int? ClaimedData { get; set; }

    public List<ClassNode> Nodes { get; } = [];
}

/// <summary>A class device a driver created for an interface (cdc-wdmN, ttyUSBN, ttyACMN, wwanN, usbN).</summary>
internal sealed class ClassNode(ClassNodeKind kind, string name, int number, KernelObject @object)
{
    public ClassNodeKind Kind { get; } = kind;

    public string Name { get; } = name;

    public int Number { get; } = number;

    /// <summary>The class device (usbmisc/cdc-wdm0, tty/ttyUSB0 inside the port, net/wwan0).</summary>
    public KernelObject Object { get; } = @object;

    /// <summary>For ttyUSBN: the usb-serial port device between the interface and the tty.</summary>
    public KernelObject? SerialPort { get; init; }

    /// <summary>The usb-serial driver's name for the port's driver link ("option1").</summary>
    public string? SerialDriver { get; init; }

    /// <summary>The class link (SYSROOT/class/tty/ttyUSB0).</summary>
    public required string ClassLink { get; init; }

    /// <summary>The pty behind DEVROOT/NAME, for tty and cdc-wdm nodes.</summary>
    public ServedNode? Served { get; set; }

    /// <summary>qmi_wwan's net/wwanN/qmi/raw_ip file, and what it says.</summary>
    public string? RawIpFile { get; init; }

    public bool RawIp { get; set; }

    /// <summary>The real TUN device behind a wwanN and its simulated network (SimulatedMachineOptions.TunNetworkInterfaces).</summary>
    public TunPacketResponder? DataPath { get; set; }
}
