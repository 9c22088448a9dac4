using System.Globalization;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Classification;

/// <summary>
/// Which kernel driver should own an interface, and which drivers' id tables would claim it on
/// their own. Class drivers match by class codes (cdc_mbim 02/0e/00, cdc_ncm 02/0d/00, cdc_ether
/// 02/06/00, rndis_host 02/02/ff e0/01/03 ef/04/01, cdc_acm 02/02/01-06: their id tables in Linux
/// drivers/net/usb and drivers/usb/class); device drivers (qmi_wwan, option, qcserial, ...) match by
/// VID/PID as the knowledge base records.
/// </summary>
public static class KernelDrivers
{
    /// <summary>
    /// usb-serial drivers that take modem ttys (their usb_driver names, as in /sys/bus/usb/drivers), with
    /// the name of their usb-serial driver (as in /sys/bus/usb-serial/drivers, where new_id lives).
    /// </summary>
    private static readonly Dictionary<string, string> SerialDrivers = new(StringComparer.Ordinal)
    {
        ["option"] = "option1",
        ["qcserial"] = "qcserial",
        ["sierra"] = "sierra",
        ["zte_ev"] = "zte_ev",
        ["ipw"] = "ipw",
        ["moto_modem"] = "moto_modem",
        ["usbserial_generic"] = "generic",
    };

    public static bool IsSerialDriver(string driver) => SerialDrivers.ContainsKey(driver);

    /// <summary>Where a driver takes dynamic ids: usb-serial drivers on the usb-serial bus, others on usb.</summary>
    public static string NewIdPath(string driver) => SerialDrivers.TryGetValue(driver, out var serialName)
        ? $"/sys/bus/usb-serial/drivers/{serialName}/new_id"
        : $"/sys/bus/usb/drivers/{driver}/new_id";

    /// <summary>The driver that should own an interface with this role, or null when nothing needs binding.</summary>
    public static string? Expected(ClassifiedInterface @interface, IReadOnlyList<string> candidates) => @interface.Role switch
    {
        InterfaceRole.Qmi => "qmi_wwan",
        InterfaceRole.MbimControl or InterfaceRole.MbimData => "cdc_mbim",
        InterfaceRole.EcmControl or InterfaceRole.EcmData => "cdc_ether",
        InterfaceRole.NcmControl or InterfaceRole.NcmData => "cdc_ncm",
        InterfaceRole.RndisControl or InterfaceRole.RndisData => "rndis_host",
        _ when @interface.Role.IsSerial() && ClassCodeRules.ControlRole(@interface.Descriptor.Class) == InterfaceRole.At => "cdc_acm",
        _ when @interface.Role.IsSerial() => candidates.FirstOrDefault(IsSerialDriver) ?? "option",
        _ => null,
    };

    /// <summary>The drivers whose id tables match this interface, most specific first.</summary>
    public static IReadOnlyList<string> Candidates(
        UsbDevice device, UsbConfiguration configuration, int number, DeviceKnowledge? knowledge, KnowledgeBase.KnowledgeBase knowledgeBase)
    {
        var triple = configuration.Describing(number)!.Class;
        var found = new List<string>();
        foreach (var quirk in knowledge?.Quirks.Where(q => q.Name == "qcserial-claims-cdc" && (q.Interfaces is null || q.Interfaces.Contains(number))) ?? [])
        {
            found.Add("qcserial");
        }
        var netDriverNamesIt = (knowledge?.KernelDrivers ?? []).Any(e => !IsSerialDriver(e.Driver)
            && (e.Match == "interfaces" ? e.Interfaces?.Contains(number) == true : e.Match == "class" && ClassCodeMatch.Matches(e.Class, e.Subclass, e.Protocol, triple)));
        foreach (var entry in knowledge?.KernelDrivers ?? [])
        {
            var matches = entry.Match switch
            {
                "interfaces" => entry.Interfaces?.Contains(number) == true,
                "device" => entry.ExceptInterfaces?.Contains(number) != true,
                "class" => ClassCodeMatch.Matches(entry.Class, entry.Subclass, entry.Protocol, triple),
                _ => false,
            };
            // A serial driver matching the whole device leaves alone what its probe refuses: CDC
            // class interfaces, and the interfaces a network driver's table names (option marks
            // them reserved, qcserial's layouts skip them). Seed 004 shows the exception, kept as a quirk.
            var serialSkips = entry.Match == "device" && IsSerialDriver(entry.Driver)
                && (triple.Class is UsbClassCodes.Communications or UsbClassCodes.CdcData || netDriverNamesIt);
            if (matches && !serialSkips)
            {
                found.Add(entry.Driver);
            }
        }
        found.AddRange(knowledgeBase.VendorKernelDriversOf(device.VendorId)
            .Where(v => ClassCodeMatch.Matches(v.Class, v.Subclass, v.Protocol, triple))
            .Select(v => v.Driver));
        if (ClassDriver(triple) is { } classDriver)
        {
            found.Add(classDriver);
        }
        return found.Distinct().ToArray();
    }

    /// <summary>The class driver whose id table matches these class codes.</summary>
    public static string? ClassDriver(UsbClassTriple triple) => ClassCodeRules.ControlRole(triple) switch
    {
        InterfaceRole.MbimControl when triple.Protocol == 0 => "cdc_mbim",
        InterfaceRole.NcmControl when triple.Protocol == 0 => "cdc_ncm",
        InterfaceRole.EcmControl when triple.Protocol == 0 => "cdc_ether",
        InterfaceRole.RndisControl => "rndis_host",
        InterfaceRole.At => "cdc_acm",
        _ => triple.Class == UsbClassCodes.MassStorage ? "usb-storage" : null,
    };
}
