using WwanDaemon.Simulator.Modem;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Simulator.Sysfs;

/// <summary>
/// A simulated modem plugged into a fake sysfs tree: the device is written in the modem's current
/// USB composition (<see cref="UsbCompositions"/>), and when the modem re-enumerates (SIMCom
/// AT+CUSBPIDSWITCH=9001,1,1, AT+CRESET after a stored switch, a scripted fault) the tree removes
/// it and adds it again with the new product id and interfaces.
/// </summary>
public sealed class SimulatedUsbDevice : IDisposable
{
    private readonly FakeSysfsTree tree;
    private readonly SimulatedModem modem;

    public SimulatedUsbDevice(FakeSysfsTree tree, SimulatedModem modem, string busPath)
    {
        if (modem.Profile.UsbVendorId is not { } vendor || modem.UsbProductId is not { } product)
        {
            throw new ArgumentException($"profile '{modem.Profile.Name}' has no USB identity (UsbVendorId, UsbProductId); the fake sysfs tree needs one", nameof(modem));
        }
        this.tree = tree;
        this.modem = modem;
        BusPath = busPath;
        Device = UsbCompositions.Get(vendor, product, busPath);
        DevicePath = tree.AddDevice(Device, busPath);
        modem.Reenumerated += OnReenumerated;
    }

    public string BusPath { get; }

    /// <summary>The device directory, ROOT/devices/usbN/BUSPATH.</summary>
    public string DevicePath { get; }

    /// <summary>The device as it is enumerated now.</summary>
    public UsbDevice Device { get; private set; }

    /// <summary>How many times it has re-enumerated.</summary>
    public int Reenumerations { get; private set; }

    private void OnReenumerated(UsbReenumeration change)
    {
        if (change.VendorId is not { } vendor || change.ProductId is not { } product)
        {
            return; // not this modem's kind of event: a device written here always has its ids
        }
        Device = UsbCompositions.Get(vendor, product, BusPath);
        tree.Reenumerate(Device, BusPath);
        Reenumerations++;
    }

    public void Dispose() => modem.Reenumerated -= OnReenumerated;
}
