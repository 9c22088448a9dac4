using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Ports;

namespace WwanDaemon.Simulator.Machine;

/// <summary>An interface of a plugged device as the simulated kernel has it now.</summary>
/// <param name="Name">The kernel's name, "1-6:3.0".</param>
/// <param name="Number">bInterfaceNumber.</param>
/// <param name="Driver">The bound driver, or null.</param>
/// <param name="Nodes">The class devices its driver created ("cdc-wdm0", "wwan0", "ttyUSB2").</param>
public sealed record SimulatedInterface(string Name, int Number, string? Driver, IReadOnlyList<string> Nodes);

/// <summary>A modem plugged into a <see cref="SimulatedMachine"/>, as the simulated kernel sees it now.</summary>
public sealed class SimulatedMachineDevice
{
    private volatile Snapshot state;
    private readonly List<(string Node, ISimulatedPort Port)> served = [];

    internal SimulatedMachineDevice(SimulatedModem modem, string busPath, string sysfsPath)
    {
        Modem = modem;
        BusPath = busPath;
        SysfsPath = sysfsPath;
        state = new Snapshot(true, 0, null, []);
    }

    /// <summary>The scripted firmware bugs of the ports this plug serves (tests add to them while it serves).</summary>
    public PortFaults Faults { get; } = new();

    /// <summary>
    /// Every port this plug has served, oldest first, with its node name ("cdc-wdm0"): a rebind or a
    /// new configuration adds new ones. Tests read what a port heard (e.g. a first-protocol-wins port's
    /// <see cref="Ports.DualProtocolPort.IgnoredMessages"/>).
    /// </summary>
    public IReadOnlyList<(string Node, ISimulatedPort Port)> ServedPorts
    {
        get
        {
            lock (served)
            {
                return served.ToArray();
            }
        }
    }

    internal void Served(string node, ISimulatedPort port)
    {
        lock (served)
        {
            served.Add((node, port));
        }
    }

    /// <summary>The modem behind the device.</summary>
    public SimulatedModem Modem { get; }

    /// <summary>"1-6".</summary>
    public string BusPath { get; }

    /// <summary>SYSROOT/devices/usbB/B-P.</summary>
    public string SysfsPath { get; }

    /// <summary>Whether it is still plugged in.</summary>
    public bool Present => state.Present;

    /// <summary>bConfigurationValue (0 while unconfigured).</summary>
    public int Configuration => state.Configuration;

    /// <summary>"03f0:581d" as it enumerates now (a composition switch changes it).</summary>
    public string? UsbId => state.UsbId;

    /// <summary>The interfaces of the active configuration, by number.</summary>
    public IReadOnlyList<SimulatedInterface> Interfaces => state.Interfaces;

    /// <summary>The driver bound to interface <paramref name="number"/>, or null.</summary>
    public string? DriverOf(int number) => Interfaces.FirstOrDefault(i => i.Number == number)?.Driver;

    internal void Publish(PluggedDevice? device) => state = device is null
        ? state with { Present = false, Interfaces = [] }
        : new Snapshot(true, device.Configuration, device.Device.Id,
            [.. device.Interfaces.Values.Select(i => new SimulatedInterface(i.Name, i.Number, i.Driver, [.. i.Nodes.Select(n => n.Name)]))]);

    private sealed record Snapshot(bool Present, int Configuration, string? UsbId, IReadOnlyList<SimulatedInterface> Interfaces);
}

/// <summary>
/// A write to a control file the simulated kernel refused. A real sysfs write fails with this errno;
/// a file in a fake tree cannot return one, so the machine records the failure here (and in
/// <see cref="SimulatedMachine.KernelLog"/>) and leaves its state unchanged.
/// </summary>
/// <param name="ControlFile">The file written, under the machine's sysfs root.</param>
/// <param name="Written">What was written (one write's worth).</param>
/// <param name="Errno">The errno the kernel would return (positive: 16 EBUSY, 19 ENODEV, 22 EINVAL).</param>
/// <param name="Reason">Why, for a person.</param>
public sealed record KernelWriteFailure(string ControlFile, string Written, int Errno, string Reason);
