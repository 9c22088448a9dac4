using System.Net;
using WwanDaemon.Modem.Backends;

namespace WwanDaemon.Network.Dhcp;

/// <summary>An IPv4 lease as the DHCP server gave it.</summary>
/// <param name="Address">The leased address (yiaddr).</param>
/// <param name="PrefixLength">From the subnet mask (option 1).</param>
/// <param name="Router">The first router (option 3), or null.</param>
/// <param name="Dns">Name servers (option 6).</param>
/// <param name="Mtu">Interface MTU (option 26), or null.</param>
/// <param name="LeaseTime">Lease time (option 51), or null.</param>
/// <param name="Server">The server identifier (option 54), or null.</param>
public sealed record DhcpLease(IPAddress Address, int PrefixLength, IPAddress? Router, IReadOnlyList<IPAddress> Dns, int? Mtu, TimeSpan? LeaseTime, IPAddress? Server)
{
    /// <summary>The lease as session settings (ByDhcp = true), to apply or report like any session's.</summary>
    public SessionSettings ToSessionSettings() => new(Address, PrefixLength, Router, Dns, Mtu) { ByDhcp = true };
}

/// <summary>DHCP on an interface gave no lease: timeout, the client failed, or its output could not be read.</summary>
public sealed class DhcpException : Exception
{
    public DhcpException(string message) : base(message) { }

    public DhcpException() { }

    public DhcpException(string message, Exception innerException) : base(message, innerException) { }
}
