using System.Net;
using System.Net.Sockets;
using System.Text;
using static WwanDaemon.Network.Rtnetlink.RtnetlinkConstants;

namespace WwanDaemon.Network.Rtnetlink;

/// <summary>
/// Encodes the rtnetlink requests the configurator sends. Pure: records in, bytes out. Every request
/// carries NLM_F_REQUEST | NLM_F_ACK so the kernel answers each with an NLMSG_ERROR (0 = done).
/// </summary>
public static class RtnetlinkRequests
{
    private const ushort Acked = FlagRequest | FlagAck;

    /// <summary>RTM_GETLINK by IFLA_IFNAME: resolves a name in the socket's own network namespace.</summary>
    public static byte[] GetLinkByName(string name, uint sequence)
    {
        var writer = new NetlinkMessageWriter(GetLink, Acked, sequence);
        writer.WriteFixed(LinkHeader(index: 0, flags: 0, change: 0));
        var bytes = Encoding.ASCII.GetBytes(name + "\0"); // IFLA_IFNAME is a NUL-terminated string
        writer.WriteAttribute(LinkName, bytes);
        return writer.ToArray();
    }

    /// <summary>RTM_NEWLINK on an existing index (no NLM_F_CREATE): sets IFF_UP and/or IFLA_MTU.</summary>
    public static byte[] SetLink(LinkChange change, uint sequence)
    {
        var writer = new NetlinkMessageWriter(NewLink, Acked, sequence);
        uint flags = change.Up == true ? InterfaceUp : 0;
        uint mask = change.Up is null ? 0 : InterfaceUp; // ifi_change: which flag bits to touch
        writer.WriteFixed(LinkHeader(change.InterfaceIndex, flags, mask));
        if (change.Mtu is { } mtu)
        {
            writer.WriteUInt32Attribute(LinkMtu, checked((uint)mtu));
        }
        return writer.ToArray();
    }

    /// <summary>RTM_NEWADDR with NLM_F_CREATE | NLM_F_EXCL: EEXIST when the address is already there.</summary>
    public static byte[] AddAddress(InterfaceAddress address, uint sequence) =>
        Address(NewAddress, (ushort)(Acked | FlagCreate | FlagExclusive), address, sequence);

    /// <summary>RTM_DELADDR: EADDRNOTAVAIL when the address is not there.</summary>
    public static byte[] RemoveAddress(InterfaceAddress address, uint sequence) =>
        Address(DeleteAddress, Acked, address, sequence);

    /// <summary>RTM_NEWROUTE with NLM_F_CREATE | NLM_F_EXCL: EEXIST when the same route exists.</summary>
    public static byte[] AddRoute(RouteEntry route, uint sequence) =>
        Route(NewRoute, (ushort)(Acked | FlagCreate | FlagExclusive), route, sequence);

    /// <summary>
    /// RTM_DELROUTE with the same table, protocol, scope, type, gateway, interface and metric as added:
    /// the kernel deletes only a route matching all of them (ESRCH when none does).
    /// </summary>
    public static byte[] RemoveRoute(RouteEntry route, uint sequence) =>
        Route(DeleteRoute, Acked, route, sequence);

    internal static byte FamilyOf(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => AddressFamilyInet,
        AddressFamily.InterNetworkV6 => AddressFamilyInet6,
        _ => throw new ArgumentException($"{address} is neither IPv4 nor IPv6", nameof(address)),
    };

    private static byte FamilyOf(AddressFamily family) => family switch
    {
        AddressFamily.InterNetwork => AddressFamilyInet,
        AddressFamily.InterNetworkV6 => AddressFamilyInet6,
        _ => throw new ArgumentException($"{family} is neither IPv4 nor IPv6", nameof(family)),
    };

    private static byte[] Address(ushort type, ushort flags, InterfaceAddress address, uint sequence)
    {
        var maximum = address.Family == AddressFamilyInet ? 32 : 128;
        if (address.PrefixLength is < 0 || address.PrefixLength > maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(address), $"prefix length /{address.PrefixLength} of {address.Address} is outside 0..{maximum}");
        }
        var writer = new NetlinkMessageWriter(type, flags, sequence);
        // struct ifaddrmsg: ifa_family, ifa_prefixlen, ifa_flags, ifa_scope, ifa_index (u32)
        Span<byte> header = stackalloc byte[AddressHeaderLength];
        header[0] = address.Family;
        header[1] = (byte)address.PrefixLength;
        header[2] = address.NoDuplicateAddressDetection && address.Family == AddressFamilyInet6 ? AddressFlagNoDad : (byte)0;
        header[3] = ScopeUniverse;
        HostOrder.WriteUInt32(header[4..], checked((uint)address.InterfaceIndex));
        writer.WriteFixed(header);
        var bytes = address.Address.GetAddressBytes(); // network order
        writer.WriteAttribute(AddressLocal, bytes);
        writer.WriteAttribute(AddressAddress, bytes);
        return writer.ToArray();
    }

    private static byte[] Route(ushort type, ushort flags, RouteEntry route, uint sequence)
    {
        var family = FamilyOf(route.Family);
        var writer = new NetlinkMessageWriter(type, flags, sequence);
        // struct rtmsg: family, dst_len, src_len, tos, table, protocol, scope, type, flags (u32)
        Span<byte> header = stackalloc byte[RouteHeaderLength];
        header.Clear();
        header[0] = family;
        header[1] = route.Destination is null ? (byte)0 : (byte)route.DestinationPrefixLength;
        header[4] = TableMain;
        header[5] = ProtocolStatic;
        header[6] = route.Gateway is null ? ScopeLink : ScopeUniverse;
        header[7] = RouteTypeUnicast;
        writer.WriteFixed(header);
        if (route.Destination is { } destination)
        {
            writer.WriteAttribute(RouteDestination, destination.GetAddressBytes());
        }
        if (route.Gateway is { } gateway)
        {
            if (gateway.AddressFamily != route.Family)
            {
                throw new ArgumentException($"gateway {gateway} is not {route.Family}", nameof(route));
            }
            writer.WriteAttribute(RouteGateway, gateway.GetAddressBytes());
        }
        writer.WriteUInt32Attribute(RouteOutputInterface, checked((uint)route.InterfaceIndex));
        writer.WriteUInt32Attribute(RoutePriority, route.Metric);
        return writer.ToArray();
    }

    private static byte[] LinkHeader(int index, uint flags, uint change)
    {
        // struct ifinfomsg: ifi_family, pad, ifi_type (u16), ifi_index (s32), ifi_flags, ifi_change
        var header = new byte[LinkHeaderLength];
        header[0] = AddressFamilyUnspecified;
        HostOrder.WriteUInt32(header.AsSpan(4), unchecked((uint)index));
        HostOrder.WriteUInt32(header.AsSpan(8), flags);
        HostOrder.WriteUInt32(header.AsSpan(12), change);
        return header;
    }
}
