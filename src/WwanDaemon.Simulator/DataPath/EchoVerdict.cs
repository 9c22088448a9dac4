namespace WwanDaemon.Simulator.DataPath;

/// <summary>What <see cref="Ipv4EchoResponder"/> made of one packet from the host.</summary>
public enum EchoVerdict
{
    /// <summary>An ICMP echo request the network answers: a reply was built.</summary>
    Answered,

    /// <summary>Truncated or garbage: too short, a bad header length, total length or checksum.</summary>
    Malformed,

    /// <summary>Well formed, not IPv4 (IPv6 router solicitations and MLD reports are normal on a new link).</summary>
    NotIpv4,

    /// <summary>A fragment: the simulated network does not reassemble.</summary>
    Fragment,

    /// <summary>IPv4, but not ICMP (UDP, TCP): nobody out there answers.</summary>
    NotIcmp,

    /// <summary>ICMP, but not an echo request (type 8, code 0).</summary>
    NotEchoRequest,

    /// <summary>No active data session: the modem forwards nothing.</summary>
    NoSession,

    /// <summary>Addressed to the session's own address (the host's side), or to a multicast or broadcast address.</summary>
    NotForTheNetwork,
}
