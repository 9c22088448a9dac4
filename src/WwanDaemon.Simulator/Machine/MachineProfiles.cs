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
}
