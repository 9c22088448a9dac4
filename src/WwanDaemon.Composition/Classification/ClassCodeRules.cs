using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Classification;

/// <summary>
/// Roles that standard class codes give (USB-IF class codes; CDC 1.2 table 4; MBIM 1.0 section 6;
/// the RNDIS triples the kernel's rndis_host matches: 02/02/ff, e0/01/03 and ef/04/01).
/// </summary>
public static class ClassCodeRules
{
    public static InterfaceRole? ControlRole(UsbClassTriple triple) => triple switch
    {
        // The class drivers match protocol 00 only (cdc_mbim, cdc_ncm, cdc_ether id tables); vendors
        // reuse these subclasses with other protocols for their own functions (Huawei 02/06/ff is QMI).
        { Class: UsbClassCodes.Communications, Subclass: UsbClassCodes.CdcMbim, Protocol: 0 } => InterfaceRole.MbimControl,
        { Class: UsbClassCodes.Communications, Subclass: UsbClassCodes.CdcNcm, Protocol: 0 } => InterfaceRole.NcmControl,
        { Class: UsbClassCodes.Communications, Subclass: UsbClassCodes.CdcEthernet, Protocol: 0 } => InterfaceRole.EcmControl,
        _ when IsRndis(triple) => InterfaceRole.RndisControl,
        // cdc_acm matches ACM with no protocol and with the AT-command protocols 1..6 (0xff is RNDIS).
        { Class: UsbClassCodes.Communications, Subclass: UsbClassCodes.CdcAbstractControl, Protocol: <= 6 } => InterfaceRole.At,
        _ => null,
    };

    public static InterfaceRole? OtherRole(UsbClassTriple triple) => triple switch
    {
        { Class: UsbClassCodes.Audio } => InterfaceRole.Audio,
        { Class: UsbClassCodes.MassStorage } => InterfaceRole.Storage,
        { Class: 0xfe, Subclass: 0x01 } => InterfaceRole.FirmwareDownload, // DFU
        { Class: UsbClassCodes.VendorSpecific, Subclass: 0x42, Protocol: 0x01 } => InterfaceRole.Adb,
        _ => null,
    };

    /// <summary>The data-interface role that goes with a control role.</summary>
    public static InterfaceRole? DataRoleFor(InterfaceRole control) => control switch
    {
        InterfaceRole.MbimControl => InterfaceRole.MbimData,
        InterfaceRole.NcmControl => InterfaceRole.NcmData,
        InterfaceRole.EcmControl => InterfaceRole.EcmData,
        InterfaceRole.RndisControl => InterfaceRole.RndisData,
        _ => null,
    };

    public static bool IsRndis(UsbClassTriple triple) =>
        triple is { Class: UsbClassCodes.Communications, Subclass: UsbClassCodes.CdcAbstractControl, Protocol: 0xff }
            or { Class: UsbClassCodes.WirelessController, Subclass: 0x01, Protocol: 0x03 }
            or { Class: UsbClassCodes.Miscellaneous, Subclass: 0x04, Protocol: 0x01 };

    /// <summary>The function an IAD's class codes claim, in role terms (its control role).</summary>
    public static InterfaceRole? ClaimedByAssociation(UsbClassTriple function) => ControlRole(function);

    /// <summary>"CDC ECM (02/06/00)".</summary>
    public static string Name(InterfaceRole control) => control switch
    {
        InterfaceRole.MbimControl or InterfaceRole.MbimData => "MBIM",
        InterfaceRole.NcmControl or InterfaceRole.NcmData => "CDC NCM",
        InterfaceRole.EcmControl or InterfaceRole.EcmData => "CDC ECM",
        InterfaceRole.RndisControl or InterfaceRole.RndisData => "RNDIS",
        InterfaceRole.Qmi => "QMI",
        _ => control.Describe(),
    };

    /// <summary>Whether a knowledge-base role can describe an interface with these class codes.</summary>
    public static bool Fits(InterfaceRole role, UsbClassTriple triple)
    {
        var vendor = triple.Class == UsbClassCodes.VendorSpecific;
        return role switch
        {
            InterfaceRole.Storage => triple.Class == UsbClassCodes.MassStorage,
            InterfaceRole.Audio => triple.Class is UsbClassCodes.Audio or UsbClassCodes.VendorSpecific,
            _ when role.IsCdcNetwork() => triple.Class is UsbClassCodes.Communications or UsbClassCodes.CdcData or UsbClassCodes.WirelessController or UsbClassCodes.Miscellaneous || vendor,
            _ when role.IsAt() => vendor || ControlRole(triple) == InterfaceRole.At,
            // qmi_wwan's table names some QMI functions on CDC class codes (Huawei E1820: 02/06/ff).
            InterfaceRole.Qmi => vendor || (triple.Class == UsbClassCodes.Communications && ControlRole(triple) is null),
            InterfaceRole.Gps or InterfaceRole.Diag or InterfaceRole.Serial or InterfaceRole.Adb or InterfaceRole.FirmwareDownload => vendor,
            _ => true,
        };
    }
}
