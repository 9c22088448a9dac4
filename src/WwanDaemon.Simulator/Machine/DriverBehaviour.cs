using WwanDaemon.Composition.Classification;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Simulator.Machine;

/// <summary>The class devices a driver creates for an interface it binds.</summary>
internal enum ClassNodeKind
{
    /// <summary>usbmisc/cdc-wdmN, char 180:176+N (drivers/usb/class/cdc-wdm.c, WDM_MINOR_BASE 176).</summary>
    CdcWdm,

    /// <summary>ttyUSBN/tty/ttyUSBN, char 188:N (drivers/usb/serial/usb-serial.c, SERIAL_TTY_MAJOR).</summary>
    TtyUsb,

    /// <summary>tty/ttyACMN, char 166:N (drivers/usb/class/cdc-acm.c, ACM_TTY_MAJOR).</summary>
    TtyAcm,

    /// <summary>net/wwanN (usbnet drivers with FLAG_WWAN: qmi_wwan, cdc_mbim).</summary>
    NetWwan,

    /// <summary>net/usbN (cdc_ether, cdc_ncm, rndis_host).</summary>
    NetUsb,
}

/// <summary>What a probe found: refused (a negative errno and why) or accepted, with the CDC data interface it claims.</summary>
internal sealed record ProbeOutcome(int Errno, string? Reason, int? ClaimedDataInterface, IReadOnlyList<ClassNodeKind> Nodes)
{
    public bool Accepted => Errno == 0;

    public static ProbeOutcome Refused(int errno, string reason) => new(errno, reason, null, []);
}

/// <summary>
/// How each driver's probe behaves, as far as the machine models it. usbnet class drivers
/// (cdc_mbim, cdc_ether, cdc_ncm, rndis_host) and cdc_acm claim the CDC data interface that goes
/// with the control interface (Union descriptor, else the IAD, else the next interface) and fail with
/// -EBUSY when another driver holds it (usb_driver_claim_interface); qmi_wwan needs an interrupt IN
/// endpoint and a bulk pair (seed 004: "probe of 2-6:1.4 failed with error -22" on a two-endpoint
/// interface); usb-serial drivers create one port per interface they bind.
/// </summary>
internal static class DriverBehaviour
{
    public const int EINVAL = 22;
    public const int EBUSY = 16;
    public const int ENODEV = 19;

    /// <summary>Probes <paramref name="driver"/> on interface <paramref name="number"/>; <paramref name="isUnclaimed"/> says whether another interface is free.</summary>
    public static ProbeOutcome Probe(string driver, UsbConfiguration configuration, int number, Func<int, bool> isUnclaimed)
    {
        var descriptor = configuration.Describing(number)!;
        switch (driver)
        {
            case "qmi_wwan":
                return descriptor.InterruptInCount > 0 && descriptor.HasBulkPair
                    ? new ProbeOutcome(0, null, null, [ClassNodeKind.CdcWdm, ClassNodeKind.NetWwan])
                    : ProbeOutcome.Refused(EINVAL, $"interface {number} has no interrupt IN endpoint and bulk pair (qmi_wwan needs both)");
            case "cdc_mbim":
                return ClaimingData(configuration, number, isUnclaimed, [ClassNodeKind.CdcWdm, ClassNodeKind.NetWwan]);
            case "huawei_cdc_ncm":
                return ClaimingData(configuration, number, isUnclaimed, [ClassNodeKind.CdcWdm, ClassNodeKind.NetUsb]);
            case "cdc_ether" or "cdc_ncm" or "rndis_host":
                return ClaimingData(configuration, number, isUnclaimed, [ClassNodeKind.NetUsb]);
            case "cdc_acm":
                return ClaimingData(configuration, number, isUnclaimed, [ClassNodeKind.TtyAcm]);
            case var serial when KernelDrivers.IsSerialDriver(serial):
                return new ProbeOutcome(0, null, null, [ClassNodeKind.TtyUsb]);
            default:
                return new ProbeOutcome(0, null, null, []);
        }
    }

    /// <summary>The CDC data interface of a control interface: the Union's first subordinate, else the IAD's other interface, else the next one if it is class 0a.</summary>
    public static int? DataInterfaceOf(UsbConfiguration configuration, int control)
    {
        var descriptor = configuration.Describing(control)!;
        if (descriptor.Cdc?.Union?.SubordinateInterfaces is { Count: > 0 } subordinates)
        {
            return subordinates[0];
        }
        if (configuration.AssociationOf(control) is { } association)
        {
            var other = configuration.InterfaceNumbers.FirstOrDefault(n => association.Covers(n) && n != control, -1);
            if (other >= 0)
            {
                return other;
            }
        }
        return configuration.Describing(control + 1) is { Class.Class: UsbClassCodes.CdcData } ? control + 1 : null;
    }

    private static ProbeOutcome ClaimingData(UsbConfiguration configuration, int number, Func<int, bool> isUnclaimed, IReadOnlyList<ClassNodeKind> nodes)
    {
        if (DataInterfaceOf(configuration, number) is not { } data)
        {
            return ProbeOutcome.Refused(ENODEV, $"interface {number} has no CDC data interface to claim");
        }
        return isUnclaimed(data)
            ? new ProbeOutcome(0, null, data, nodes)
            : ProbeOutcome.Refused(EBUSY, $"its data interface {data} is bound to another driver (usb_driver_claim_interface: -EBUSY)");
    }
}
