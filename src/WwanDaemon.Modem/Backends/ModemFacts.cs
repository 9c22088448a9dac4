using System.Net;

namespace WwanDaemon.Modem.Backends;

/// <summary>Who the modem is.</summary>
public sealed record ModemIdentity(string? Manufacturer, string? Model, string? Revision, string? Imei);

/// <summary>What the SIM needs before the modem can register.</summary>
public enum SimLock
{
    /// <summary>Unlocked (or no PIN set).</summary>
    Ready,

    /// <summary>Waiting for the PIN.</summary>
    PinRequired,

    /// <summary>Too many wrong PINs: waiting for the PUK.</summary>
    PukRequired,

    /// <summary>No SIM, or the SIM failed.</summary>
    Absent,

    /// <summary>Permanently blocked.</summary>
    Blocked,
}

/// <summary>The SIM's state, with the tries left when the modem tells them.</summary>
public sealed record SimStatus(SimLock Lock, int? PinRetries, int? PukRetries, string? Iccid, string? Imsi);

/// <summary>Registration as the modem reports it (3GPP TS 27.007 +CREG &lt;stat&gt; meanings).</summary>
public enum Registration
{
    Idle,
    Searching,
    Home,
    Roaming,
    Denied,
    Unknown,
}

/// <summary>Registration, the serving operator and signal quality.</summary>
/// <param name="Registration">Where registration is.</param>
/// <param name="OperatorCode">MCC+MNC ("26201"), or null.</param>
/// <param name="OperatorName">The serving operator's name, or null.</param>
/// <param name="SignalQuality">0–100 %, or null when the modem did not say.</param>
public sealed record NetworkStatus(Registration Registration, string? OperatorCode, string? OperatorName, int? SignalQuality)
{
    public bool IsRegistered => Registration is Registration.Home or Registration.Roaming;

    /// <summary>The received signal strength in dBm, when the protocol gives it cheaply (QMI NAS signal strength, MBIM/+CSQ rssi codes).</summary>
    public int? RssiDbm { get; init; }

    /// <summary>The access technology registered on, when the protocol says (QMI serving system radio interfaces, MBIM available data classes, +CREG/+CEREG &lt;AcT&gt;).</summary>
    public Fleet.AccessTechnology AccessTechnology { get; init; } = Fleet.AccessTechnology.Unknown;
}

/// <summary>The 3GPP TS 27.007 §8.5 &lt;rssi&gt; code (+CSQ, and MBIM Signal State's Rssi, which uses the same scale) → dBm. Pure.</summary>
public static class RssiCode
{
    /// <summary>0 → −113 dBm or less, 1 → −111, 2–30 → −109 to −53 in steps of 2, 31 → −51 or more; 99 (not known) and anything else → null.</summary>
    public static int? ToDbm(long code) => code is >= 0 and <= 31 ? -113 + 2 * (int)code : null;
}

/// <summary>The IP settings the network gave a session (QMI current settings, MBIM IP configuration).</summary>
public sealed record SessionSettings(
    IPAddress? Ipv4Address,
    int Ipv4PrefixLength,
    IPAddress? Ipv4Gateway,
    IReadOnlyList<IPAddress> Dns,
    int? Mtu,
    IPAddress? Ipv6Address = null,
    int Ipv6PrefixLength = 64,
    IPAddress? Ipv6Gateway = null)
{
    /// <summary>True when the addresses come from DHCP on the network interface (ECM/RNDIS/NCM), not from the control protocol.</summary>
    public bool ByDhcp { get; init; }

    /// <summary>
    /// With <see cref="ByDhcp"/>: what the control channel says the network gave the session (AT+CGCONTRDP,
    /// AT+CGPADDR), or null when the modem did not say. Not to be put on the interface (the modem's
    /// DHCP server hands out its own view, often a private address behind the modem's NAT); a
    /// configurator may compare it with the lease, or use its DNS servers when the lease has none.
    /// </summary>
    public NetworkAssignedAddresses? NetworkAssigned { get; init; }
}

/// <summary>The addresses the network assigned to a session, as the modem's control channel reports them.</summary>
/// <param name="Ipv4Address">The IPv4 address of the PDP context, or null.</param>
/// <param name="Ipv4PrefixLength">Its prefix length when the modem gave a mask, or null.</param>
/// <param name="Ipv4Gateway">The gateway, or null.</param>
/// <param name="Dns">The DNS servers (IPv4 and IPv6), possibly empty.</param>
/// <param name="Ipv6Address">The IPv6 address (often only the interface identifier part is meaningful), or null.</param>
public sealed record NetworkAssignedAddresses(IPAddress? Ipv4Address, int? Ipv4PrefixLength, IPAddress? Ipv4Gateway, IReadOnlyList<IPAddress> Dns, IPAddress? Ipv6Address);

/// <summary>Something the modem told on its own.</summary>
public abstract record BackendEvent;

/// <summary>Registration or the serving operator changed.</summary>
public sealed record RegistrationChanged(Registration Registration) : BackendEvent;

/// <summary>The network ended the data session.</summary>
public sealed record SessionDropped(string Reason) : BackendEvent;

/// <summary>The control port went away (unplug, reset, EIO).</summary>
public sealed record PortLost(string Reason) : BackendEvent;
