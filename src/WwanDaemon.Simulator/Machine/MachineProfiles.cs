using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Machine;

/// <summary>
/// Modem profiles with a USB identity whose composition the simulator knows, for plugging into a
/// <see cref="SimulatedMachine"/> (kept apart from <see cref="Profiles"/>, the list wwan-sim plays).
/// </summary>
public static class MachineProfiles
{
    /// <summary>
    /// Seed 004's HP lt4112 Gobi 4G Module (Huawei ME906E, 03f0:581d): three configurations (1 QMI,
    /// 2 CDC ECM, which Linux picks, 3 MBIM). Manufacturer and product strings as its dmesg prints
    /// them; revision and IMEI are placeholders.
    /// </summary>
    public static ModemProfile HpLt4112 { get; } = new()
    {
        Name = "hp-lt4112",
        Manufacturer = "Hewlett-Packard",
        Model = "HP lt4112 Gobi 4G Module",
        Revision = "11.617.05.00.00",
        Imei = "356938035643817",
        Protocols = ["qmi", "mbim", "at"],
        UsbVendorId = 0x03f0,
        UsbProductId = 0x581d,
    };

    /// <summary>SIMCom SIM7600G-H in its QMI composition (1e0e:9001, Modem/Compositions): qmi_wwan on interface 5, AT on ttyUSB2/3.</summary>
    public static ModemProfile Sim7600Qmi { get; } = Profiles.Get("sim7600-rndis") with
    {
        Name = "sim7600-qmi",
        UsbProductId = 0x9001,
        Protocols = ["qmi", "at"],
    };

    /// <summary>Seed 001's Dell DW5570 (Sierra MC8805, 413c:81a3): the first-protocol-wins firmware, MBIM in configuration 2.</summary>
    public static ModemProfile Dw5570 { get; } = Profiles.Get("dw5570-first-protocol-wins") with { UsbVendorId = 0x413c, UsbProductId = 0x81a3 };

    /// <summary>Seed 003's Sierra EM7355 (1199:901f) in MBIM, FCC-locked until QMI DMS Set FCC Authentication arrives through MBIM.</summary>
    public static ModemProfile Em7355 { get; } = Profiles.Get("em7355-fcc-locked") with { UsbVendorId = 0x1199, UsbProductId = 0x901f };

    /// <summary>Seed 002's Sierra MC8355 (Gobi 3000, 1199:9013): QMI on interface 0, qcserial ttys. Identity strings as its USB descriptors print them.</summary>
    public static ModemProfile Mc8355 { get; } = new()
    {
        Name = "mc8355",
        Manufacturer = "Sierra Wireless, Incorporated",
        Model = "MC8355 - Gobi 3000(TM) Module",
        Protocols = ["qmi", "at"],
        UsbVendorId = 0x1199,
        UsbProductId = 0x9013,
    };
}
