using System.Globalization;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Planning;

/// <summary>
/// Which configuration Linux selects by itself when a device appears, following
/// usb_choose_configuration in drivers/usb/core/generic.c (Linux 6.1), with the distribution's
/// CONFIG_USB_NET_RNDIS_HOST=m. Walking the configurations in order:
/// a configuration needing more bus current than the port gives is skipped; if there are several
/// configurations and the first one's first interface is audio, it wins at once; if it is RNDIS
/// (02/02/ff) or ActiveSync (ef/01/01), it becomes the fallback; otherwise the first configuration
/// whose first interface is not vendor-specific wins (unless the whole device is vendor-specific),
/// and failing that the first remaining one. Seed 004's maintainer describes the effect: "a
/// preference for proper classes". Used when a dump does not say which configuration is active.
/// </summary>
public static class KernelConfigurationChoice
{
    public static int Predict(UsbDevice device)
    {
        var busMilliamps = double.TryParse(device.Speed, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) && speed >= 5000 ? 900 : 500;
        UsbConfiguration? best = null;
        for (var index = 0; index < device.Configurations.Count; index++)
        {
            var configuration = device.Configurations[index];
            var first = configuration.Interfaces.Count > 0 ? configuration.Interfaces[0].Class : (UsbClassTriple?)null;
            if (configuration.MaxPowerMilliamps > busMilliamps)
            {
                continue;
            }
            var several = device.Configurations.Count > 1;
            if (index == 0 && several && first?.Class == UsbClassCodes.Audio)
            {
                return configuration.Value;
            }
            if (index == 0 && several && first is { } triple && (IsRndis(triple) || IsActiveSync(triple)))
            {
                best = configuration;
            }
            else if (device.DeviceClass.Class != UsbClassCodes.VendorSpecific && first is { Class: not UsbClassCodes.VendorSpecific })
            {
                return configuration.Value;
            }
            else
            {
                best ??= configuration;
            }
        }
        return (best ?? device.Configurations[0]).Value;
    }

    private static bool IsRndis(UsbClassTriple triple) => triple == new UsbClassTriple(UsbClassCodes.Communications, UsbClassCodes.CdcAbstractControl, 0xff);

    private static bool IsActiveSync(UsbClassTriple triple) => triple == new UsbClassTriple(UsbClassCodes.Miscellaneous, 0x01, 0x01);
}
