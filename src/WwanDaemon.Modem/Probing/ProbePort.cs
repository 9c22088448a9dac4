using WwanDaemon.Composition.KnowledgeBase;

namespace WwanDaemon.Modem.Probing;

/// <summary>What kind of character device a port is.</summary>
public enum PortKind
{
    /// <summary>A tty (/dev/ttyUSBn, /dev/ttyACMn; a pty in tests): AT, PPP, NMEA or DIAG.</summary>
    Tty,

    /// <summary>A cdc-wdm control port (/dev/cdc-wdmN): QMI under qmi_wwan, MBIM under cdc_mbim, AT under huawei_cdc_ncm.</summary>
    CdcWdm,
}

/// <summary>Knowledge-base facts that change how a port is probed (docs/knowledge-base.md, "Quirks").</summary>
[Flags]
public enum PortQuirks
{
    /// <summary>No quirk applies.</summary>
    None = 0,

    /// <summary><c>needs-dtr</c>: the port stays silent until DTR is raised, so raise it before the first try.</summary>
    NeedsDtr = 1,

    /// <summary>
    /// <c>first-protocol-wins</c> (seed 001): the firmware answers whichever of QMI and MBIM it hears
    /// first and ignores the other until reset, so the port must only ever hear the protocol its driver speaks.
    /// </summary>
    FirstProtocolWins = 2,
}

/// <summary>One port of a modem as the prober gets it: where it is, what the kernel and the plan say it is.</summary>
/// <param name="Path">The device node, e.g. /dev/ttyUSB2 or /dev/cdc-wdm0 (a symlink to a pty in tests).</param>
/// <param name="Kind">tty or cdc-wdm.</param>
/// <param name="BoundDriver">The kernel driver bound to the interface (qmi_wwan, cdc_mbim, option, ...), or null when unknown.</param>
/// <param name="Role">The role the composition plan gives the interface (<see cref="InterfaceRole.Unknown"/> when it has none).</param>
/// <param name="Interface">bInterfaceNumber, when known; ties in the AT ranking are broken by it.</param>
/// <param name="Quirks">Knowledge-base quirks that apply to this interface.</param>
/// <param name="RoleSource">Where the role comes from (a knowledge-base source id or "class code"), for the evidence.</param>
public sealed record ProbePort(
    string Path,
    PortKind Kind,
    string? BoundDriver,
    InterfaceRole Role,
    int? Interface = null,
    PortQuirks Quirks = PortQuirks.None,
    string? RoleSource = null)
{
    /// <summary>"/dev/ttyUSB2 (interface 3)" for logs and evidence.</summary>
    public string Name => Interface is { } number ? $"{Path} (interface {number})" : Path;
}
