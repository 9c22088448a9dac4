namespace WwanDaemon.Modem.Fleet;

/// <summary>IP settings of a data session, as the network gave them.</summary>
/// <param name="Interface">The network interface ("wwan0").</param>
/// <param name="Method">"static" (addresses given by QMI/MBIM) or "dhcp" (ECM/RNDIS/NCM).</param>
/// <param name="Address">"10.0.0.2/30", or null for an IPv6-only session.</param>
/// <param name="Gateway">"10.0.0.1", or null.</param>
/// <param name="Dns">DNS servers.</param>
/// <param name="Mtu">MTU, or null when the network did not say.</param>
/// <param name="Applied">True when the daemon configured the interface; false when it only reports (NetworkManager-style clients apply it).</param>
/// <param name="Ipv6Address">"2001:db8::2/64", or null.</param>
/// <param name="Ipv6Gateway">The IPv6 gateway, or null.</param>
public sealed record IpConfigurationReport(
    string Interface,
    string Method,
    string? Address,
    string? Gateway,
    IReadOnlyList<string> Dns,
    int? Mtu,
    bool Applied,
    string? Ipv6Address = null,
    string? Ipv6Gateway = null);

/// <summary>One modem as the daemon sees it now; immutable, a new snapshot per change.</summary>
/// <param name="Id">Stable id while plugged: the USB bus path ("1-6").</param>
/// <param name="Device">The sysfs path of the USB device.</param>
/// <param name="State">Where its state machine is.</param>
/// <param name="StateReason">Why it is there, for a person ("SIM PIN required and no PIN in the profile"); null when nothing to say.</param>
/// <param name="Configuration">The active USB configuration after the plan was applied, or null.</param>
/// <param name="ActionsApplied">Plan actions that were written, in order, as "unbind qcserial 1-6:3.12".</param>
/// <param name="ControlPort">"/dev/cdc-wdm0", or null before probing.</param>
/// <param name="ControlProtocol">"qmi", "mbim", "at", or null.</param>
/// <param name="Ip">The data session's IP settings while connected, else null.</param>
public sealed record ModemSnapshot(
    string Id,
    string Device,
    ModemState State,
    string? StateReason,
    int? Configuration,
    IReadOnlyList<string> ActionsApplied,
    string? ControlPort,
    string? ControlProtocol,
    IpConfigurationReport? Ip)
{
    public string? Manufacturer { get; init; }
    public string? Model { get; init; }
    public string? Revision { get; init; }
    public string? Imei { get; init; }
    public string? Imsi { get; init; }
    public string? Iccid { get; init; }
    public string? OperatorCode { get; init; }
    public string? OperatorName { get; init; }
    /// <summary>Signal quality in percent (0–100), or null.</summary>
    public int? SignalQuality { get; init; }
    /// <summary>Reconnect attempts since the last successful connect.</summary>
    public int ReconnectAttempts { get; init; }
    /// <summary>Primary AT port, or null.</summary>
    public string? PrimaryAtPort { get; init; }
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Every port of the modem (control, AT, GPS, net), as ModemManager lists them.</summary>
    public IReadOnlyList<ModemPortInfo> Ports { get; init; } = [];

    /// <summary>The kernel drivers bound to the modem's interfaces ("qmi_wwan", "option").</summary>
    public IReadOnlyList<string> Drivers { get; init; } = [];

    /// <summary>What the SIM needs, or null before it was read.</summary>
    public Backends.SimLock? SimLock { get; init; }

    /// <summary>PIN tries left, when the modem says.</summary>
    public int? PinRetries { get; init; }

    /// <summary>PUK tries left, when the modem says.</summary>
    public int? PukRetries { get; init; }

    /// <summary>Network registration, or null before it was read.</summary>
    public Backends.Registration? Registration { get; init; }

    /// <summary>The received signal strength in dBm, when the modem says.</summary>
    public int? SignalRssiDbm { get; init; }

    /// <summary>The access technology registered on.</summary>
    public AccessTechnology AccessTechnology { get; init; } = AccessTechnology.Unknown;

    /// <summary>The settings of the data session while connecting or connected (or of the last attempt), else null.</summary>
    public ConnectRequest? Connection { get; init; }

    /// <summary>Why the last connect attempt failed, or null.</summary>
    public string? LastConnectionError { get; init; }

    /// <summary>When the current data session came up, or null.</summary>
    public DateTimeOffset? ConnectedSince { get; init; }
}
