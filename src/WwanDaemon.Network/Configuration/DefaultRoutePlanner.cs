using System.Net;
using System.Net.Sockets;
using WwanDaemon.Network.Rtnetlink;

namespace WwanDaemon.Network.Configuration;

/// <summary>
/// Decides how the default route goes: via the gateway when the gateway is on-link (inside the
/// address's prefix, or an IPv6 link-local address), else as a device route (scope link, no gateway).
/// The device route is right for raw-IP point-to-point interfaces (qmi_wwan in raw-IP mode, cdc_mbim):
/// they have no link layer, every packet sent on them reaches the modem, so a gateway adds nothing.
/// Networks often hand such sessions a /32 or a gateway outside the prefix, which the kernel would
/// refuse as a next hop ("Nexthop has invalid gateway"); a modem without a gateway is handled the same way.
/// Ethernet-style interfaces (ECM/RNDIS/NCM) get their router from DHCP, which is always on-link.
/// </summary>
public static class DefaultRoutePlanner
{
    public static RouteEntry Plan(int interfaceIndex, IPAddress address, int prefixLength, IPAddress? gateway, uint metric) =>
        gateway is not null && IsOnLink(address, prefixLength, gateway)
            ? RouteEntry.DefaultVia(interfaceIndex, gateway, metric)
            : RouteEntry.DefaultOnDevice(address.AddressFamily, interfaceIndex, metric);

    /// <summary>Whether <paramref name="gateway"/> is reachable without a router from <paramref name="address"/>/<paramref name="prefixLength"/>.</summary>
    public static bool IsOnLink(IPAddress address, int prefixLength, IPAddress gateway)
    {
        if (gateway.AddressFamily != address.AddressFamily || gateway.Equals(address))
        {
            return false;
        }
        if (gateway.AddressFamily == AddressFamily.InterNetworkV6 && gateway.IsIPv6LinkLocal)
        {
            return true;
        }
        var a = address.GetAddressBytes();
        var g = gateway.GetAddressBytes();
        for (var bit = 0; bit < prefixLength; bit++)
        {
            var mask = 0x80 >> (bit % 8);
            if ((a[bit / 8] & mask) != (g[bit / 8] & mask))
            {
                return false;
            }
        }
        return prefixLength < a.Length * 8; // a /32 (/128) has nobody else on-link
    }
}
