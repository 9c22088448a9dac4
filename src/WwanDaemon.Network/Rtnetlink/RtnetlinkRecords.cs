using System.Net;
using System.Net.Sockets;

namespace WwanDaemon.Network.Rtnetlink;

/// <summary>A change to a link: IFF_UP on or off, and/or a new MTU (null leaves each as it is).</summary>
public sealed record LinkChange(int InterfaceIndex, bool? Up, int? Mtu);

/// <summary>An address on an interface (IFA_LOCAL and IFA_ADDRESS both carry it: no point-to-point peer).</summary>
/// <param name="InterfaceIndex">ifa_index.</param>
/// <param name="Address">The address (v4 or v6).</param>
/// <param name="PrefixLength">ifa_prefixlen.</param>
/// <param name="NoDuplicateAddressDetection">IPv6 only: IFA_F_NODAD, usable at once (a modem link has no other host to collide with).</param>
public sealed record InterfaceAddress(int InterfaceIndex, IPAddress Address, int PrefixLength, bool NoDuplicateAddressDetection = false)
{
    public byte Family => RtnetlinkRequests.FamilyOf(Address);
}

/// <summary>
/// A route in the main table. Destination null means the default route (0.0.0.0/0 or ::/0).
/// Gateway null means a device route (scope link): the destination is reached directly on the interface.
/// </summary>
public sealed record RouteEntry(AddressFamily Family, int InterfaceIndex, IPAddress? Gateway, uint Metric, IPAddress? Destination = null, int DestinationPrefixLength = 0)
{
    public static RouteEntry DefaultVia(int interfaceIndex, IPAddress gateway, uint metric) =>
        new(gateway.AddressFamily, interfaceIndex, gateway, metric);

    public static RouteEntry DefaultOnDevice(AddressFamily family, int interfaceIndex, uint metric) =>
        new(family, interfaceIndex, null, metric);
}

/// <summary>What RTM_NEWLINK says about a link (the reply to RTM_GETLINK).</summary>
public sealed record LinkInfo(int Index, uint Flags, int? Mtu, string? Name)
{
    public bool IsUp => (Flags & RtnetlinkConstants.InterfaceUp) != 0;
}
