using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Devices.Inventory;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Probing;

namespace WwanDaemon.Supervision;

/// <summary>
/// A device's ports as ModemManager lists them (Modem.Ports), and its bound drivers (Modem.Drivers):
/// from the plan's interface roles before probing, refined by what the probe heard. Pure.
/// </summary>
public static class ModemPortMap
{
    /// <summary>
    /// Each port with its type: cdc-wdm → QMI/MBIM (the probed control protocol, else the plan's role),
    /// tty → AT when it answered AT (before probing: when the plan gives it an AT role), GPS/QCDM/ignored
    /// as the plan's roles say, net → Net. Names without "/dev/".
    /// </summary>
    public static IReadOnlyList<ModemPortInfo> Ports(DiscoveredDevice device, CompositionPlan plan, ModemProbeResult? probe = null) =>
        device.Ports.Select(port => new ModemPortInfo(port.Name, TypeOf(port, RoleOf(plan, port.Interface), probe))).ToArray();

    /// <summary>The distinct drivers bound to the device's interfaces, in interface order.</summary>
    public static IReadOnlyList<string> Drivers(DiscoveredDevice device) =>
        (device.Device.Active?.Interfaces.Select(i => i.Driver) ?? [])
            .Concat(device.Ports.Select(p => p.Driver))
            .OfType<string>().Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    private static InterfaceRole RoleOf(CompositionPlan plan, int interfaceNumber) =>
        plan.Interfaces.FirstOrDefault(i => i.Number == interfaceNumber)?.Role ?? InterfaceRole.Unknown;

    private static ModemPortType TypeOf(DevicePort port, InterfaceRole role, ModemProbeResult? probe)
    {
        if (port.Kind == DevicePortKind.Net)
        {
            return ModemPortType.Net;
        }
        var heard = port.NodePath is { } path ? probe?.Ports.FirstOrDefault(p => p.Port.Path == path)?.Protocol : null;
        if (port.Kind == DevicePortKind.CdcWdm)
        {
            return heard switch
            {
                PortProtocol.Qmi => ModemPortType.Qmi,
                PortProtocol.Mbim => ModemPortType.Mbim,
                _ => role switch
                {
                    InterfaceRole.Qmi => ModemPortType.Qmi,
                    InterfaceRole.MbimControl => ModemPortType.Mbim,
                    _ => ModemPortType.Unknown,
                },
            };
        }
        if (heard == PortProtocol.At)
        {
            return ModemPortType.At;
        }
        return role switch
        {
            InterfaceRole.Gps => ModemPortType.Gps,
            InterfaceRole.Diag => ModemPortType.Qcdm,
            InterfaceRole.Audio => ModemPortType.Audio,
            InterfaceRole.Ignore or InterfaceRole.Adb or InterfaceRole.FirmwareDownload or InterfaceRole.Storage => ModemPortType.Ignored,
            InterfaceRole.AtPrimary or InterfaceRole.AtSecondary or InterfaceRole.Ppp or InterfaceRole.At when probe is null => ModemPortType.At,
            _ => probe is null ? ModemPortType.Unknown : ModemPortType.Ignored, // probed and silent: ModemManager ignores it too
        };
    }
}
