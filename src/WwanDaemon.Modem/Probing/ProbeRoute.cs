using WwanDaemon.Composition.KnowledgeBase;

namespace WwanDaemon.Modem.Probing;

/// <summary>Which protocols a port may hear, in order; none means the port is skipped without being opened.</summary>
/// <param name="Protocols">At, Qmi or Mbim, tried in this order.</param>
/// <param name="Reason">Why, for the evidence.</param>
public sealed record ProbeRoute(IReadOnlyList<PortProtocol> Protocols, string Reason)
{
    /// <summary>The port is not opened.</summary>
    public bool Skips => Protocols.Count == 0;

    /// <summary>
    /// Drivers whose binding fixes the protocol of their port: a cdc-wdm node carries whatever its
    /// network driver's framing is (Bjørn Mork, seed 001: "cdc_mbim != qmi_wwan ... the protocols are
    /// very different"), and usb-serial drivers give ttys. Sources: Linux 6.1 drivers/net/usb/qmi_wwan.c,
    /// cdc_mbim.c, huawei_cdc_ncm.c (its cdc-wdm carries AT), drivers/usb/serial/*, drivers/usb/class/cdc-acm.c.
    /// </summary>
    public static IReadOnlyDictionary<string, PortProtocol> DriverProtocols { get; } = new Dictionary<string, PortProtocol>(StringComparer.Ordinal)
    {
        ["qmi_wwan"] = PortProtocol.Qmi,
        ["cdc_mbim"] = PortProtocol.Mbim,
        ["huawei_cdc_ncm"] = PortProtocol.At,
        ["option"] = PortProtocol.At,
        ["qcserial"] = PortProtocol.At,
        ["sierra"] = PortProtocol.At,
        ["usb_wwan"] = PortProtocol.At,
        ["cdc_acm"] = PortProtocol.At,
        ["usbserial_generic"] = PortProtocol.At,
    };

    /// <summary>Roles the plan gives to ports that must not be opened by a probe, and why.</summary>
    public static IReadOnlyDictionary<InterfaceRole, string> SkippedRoles { get; } = new Dictionary<InterfaceRole, string>
    {
        [InterfaceRole.Diag] = "a DIAG/QCDM port answers binary HDLC frames, never AT, and AT text can upset its parser",
        [InterfaceRole.Gps] = "an NMEA port only streams sentences once GPS is started; it takes no AT",
        [InterfaceRole.Adb] = "the Android debug bridge is not a modem port",
        [InterfaceRole.Ignore] = "the knowledge base reserves it: nothing should open it",
        [InterfaceRole.Audio] = "an audio function is not a control port",
        [InterfaceRole.FirmwareDownload] = "a firmware-download (QDL/EDL) port must not hear anything",
        [InterfaceRole.Storage] = "mass storage is not a control port",
    };

    /// <summary>Decides, without I/O, what <paramref name="port"/> may hear.</summary>
    public static ProbeRoute For(ProbePort port)
    {
        var role = port.Role.Name();
        var source = port.RoleSource is null ? "" : $" ({port.RoleSource})";
        if (SkippedRoles.TryGetValue(port.Role, out var why))
        {
            return new ProbeRoute([], $"skipped without opening: the plan says {role}{source}; {why}");
        }
        if (port.BoundDriver is { } driver && DriverProtocols.TryGetValue(driver, out var implied))
        {
            var conflict = RoleProtocol(port.Role) is { } planned && planned != implied
                ? $"; the plan's role {role} disagrees, but the bound driver decides the framing" : "";
            var because = port.Kind == PortKind.CdcWdm
                ? $"bound driver {driver} implies {Name(implied)}: only {Name(implied)} is tried, never another protocol (first-protocol-wins firmware would latch onto it)"
                : $"bound driver {driver} gives a tty: {Name(implied)}";
            return new ProbeRoute([implied], because + conflict);
        }
        if (port.Kind == PortKind.Tty)
        {
            return new ProbeRoute([PortProtocol.At], $"a tty{(port.BoundDriver is null ? " with no known driver" : $" under {port.BoundDriver}")}: AT");
        }
        if (RoleProtocol(port.Role) is { } fromRole)
        {
            return new ProbeRoute([fromRole], $"no known driver; the plan says {role}{source}: only {Name(fromRole)} is tried");
        }
        if (port.Quirks.HasFlag(PortQuirks.FirstProtocolWins))
        {
            return new ProbeRoute([],
                "skipped without opening: first-protocol-wins firmware and neither the driver nor the plan says which protocol this cdc-wdm node carries; guessing would latch the wrong one until the modem resets");
        }
        return new ProbeRoute([PortProtocol.Mbim, PortProtocol.Qmi], "a cdc-wdm node with no known driver or role: MBIM OPEN, then QMI");
    }

    /// <summary>"AT", "QMI", "MBIM".</summary>
    public static string Name(PortProtocol protocol) => protocol switch
    {
        PortProtocol.At => "AT",
        PortProtocol.Qmi => "QMI",
        PortProtocol.Mbim => "MBIM",
        _ => protocol.ToString(),
    };

    private static PortProtocol? RoleProtocol(InterfaceRole role) => role switch
    {
        InterfaceRole.Qmi => PortProtocol.Qmi,
        InterfaceRole.MbimControl => PortProtocol.Mbim,
        _ when role.IsAt() => PortProtocol.At,
        _ => null,
    };
}
