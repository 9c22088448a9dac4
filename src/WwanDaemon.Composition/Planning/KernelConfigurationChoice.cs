using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Planning;

/// <summary>
/// Which configuration Linux selects by itself when a device appears (usb_choose_configuration in
/// drivers/usb/core/generic.c): configurations whose first interface is RNDIS are passed over, and
/// of the rest the first whose first interface is not vendor-specific wins, else the first one.
/// Seed 004's maintainer describes exactly this ("a preference for proper classes"). Used when a dump
/// does not say which configuration is active (lsusb -v), for policy keep.
/// </summary>
public static class KernelConfigurationChoice
{
    public static int Predict(UsbDevice device)
    {
        var candidates = device.Configurations
            .Where(c => c.Interfaces.Count > 0 && !Classification.ClassCodeRules.IsRndis(c.Interfaces[0].Class))
            .ToArray();
        var proper = candidates.FirstOrDefault(c => c.Interfaces[0].Class.Class != UsbClassCodes.VendorSpecific);
        return (proper ?? candidates.FirstOrDefault() ?? device.Configurations[0]).Value;
    }
}
