using WwanDaemon.Usb.Model;

namespace WwanDaemon.Usb.Tests;

/// <summary>Projects a model onto the fields that every descriptor source carries.</summary>
internal static class ModelComparison
{
    public static UsbDevice DescriptorsOnly(UsbDevice device) => device with
    {
        BusPath = null,
        Speed = null,
        ActiveConfiguration = null,
        DriversKnown = false,
        Manufacturer = null,
        Product = null,
        SerialNumber = null,
        Configurations = device.Configurations.Select(c => c with
        {
            Interfaces = c.Interfaces.Select(i => i with { Driver = null, Cdc = null }).ToEquatableList(),
        }).ToEquatableList(),
    };
}
