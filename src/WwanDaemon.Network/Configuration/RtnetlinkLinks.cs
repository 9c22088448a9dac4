using WwanDaemon.Network.Netlink;
using WwanDaemon.Network.Rtnetlink;

namespace WwanDaemon.Network.Configuration;

/// <summary>
/// The rtnetlink operations the configurator uses, on one socket, each turning the kernel's errno
/// into a <see cref="NetworkConfigurationException"/> that names the interface and the operation.
/// Names are resolved with RTM_GETLINK on the socket itself rather than if_nametoindex(3): that
/// ioctl runs in the calling thread's network namespace, the socket's namespace is the one that counts.
/// </summary>
public sealed class RtnetlinkLinks
{
    private readonly NetlinkRouteSocket socket;

    public RtnetlinkLinks(NetlinkRouteSocket socket) => this.socket = socket;

    /// <summary>The link called <paramref name="networkInterface"/>: index, flags, MTU.</summary>
    public LinkInfo Find(string networkInterface)
    {
        var answer = Send(networkInterface, "looking up the interface", seq => RtnetlinkRequests.GetLinkByName(networkInterface, seq));
        Check(networkInterface, "looking up the interface", answer);
        var link = answer.Messages.FirstOrDefault(m => m.Type == RtnetlinkConstants.NewLink)
            ?? throw new NetworkConfigurationException(networkInterface, "looking up the interface", "the kernel acknowledged RTM_GETLINK without describing the link");
        return RtnetlinkReplies.ReadLink(link);
    }

    /// <summary>Sets IFF_UP and/or the MTU.</summary>
    public void Change(string networkInterface, LinkChange change)
    {
        var operation = (change.Up, change.Mtu) switch
        {
            (true, null) => "setting the link up",
            (false, null) => "setting the link down",
            (null, { } mtu) => $"setting MTU {mtu}",
            _ => $"setting the link {(change.Up == true ? "up" : "down")} with MTU {change.Mtu}",
        };
        Check(networkInterface, operation, Send(networkInterface, operation, seq => RtnetlinkRequests.SetLink(change, seq)));
    }

    /// <summary>Adds an address; returns false (and changes nothing) when it is already there.</summary>
    public bool TryAddAddress(string networkInterface, InterfaceAddress address)
    {
        var operation = $"adding address {address.Address}/{address.PrefixLength}";
        var answer = Send(networkInterface, operation, seq => RtnetlinkRequests.AddAddress(address, seq));
        if (answer.Errno == Errno.Exists) return false;
        Check(networkInterface, operation, answer);
        return true;
    }

    /// <summary>Removes an address; returns false when it was not there (any more).</summary>
    public bool TryRemoveAddress(string networkInterface, InterfaceAddress address)
    {
        var operation = $"removing address {address.Address}/{address.PrefixLength}";
        var answer = Send(networkInterface, operation, seq => RtnetlinkRequests.RemoveAddress(address, seq));
        if (answer.Errno is Errno.AddressNotAvailable or Errno.NoSuchDevice) return false;
        Check(networkInterface, operation, answer);
        return true;
    }

    /// <summary>Adds a route; returns false (and changes nothing) when the same route is already there.</summary>
    public bool TryAddRoute(string networkInterface, RouteEntry route)
    {
        var operation = $"adding {Describe(route)}";
        var answer = Send(networkInterface, operation, seq => RtnetlinkRequests.AddRoute(route, seq));
        if (answer.Errno == Errno.Exists) return false;
        Check(networkInterface, operation, answer);
        return true;
    }

    /// <summary>Removes a route; returns false when it was not there (any more).</summary>
    public bool TryRemoveRoute(string networkInterface, RouteEntry route)
    {
        var operation = $"removing {Describe(route)}";
        var answer = Send(networkInterface, operation, seq => RtnetlinkRequests.RemoveRoute(route, seq));
        if (answer.Errno is Errno.NoSuchProcess or Errno.NoSuchDevice) return false;
        Check(networkInterface, operation, answer);
        return true;
    }

    /// <summary>"default route via 10.0.0.1 metric 700" / "default device route metric 700".</summary>
    public static string Describe(RouteEntry route)
    {
        var destination = route.Destination is { } d ? $"route to {d}/{route.DestinationPrefixLength}" : "default route";
        var via = route.Gateway is { } g ? $" via {g}" : " on the device";
        return $"{(route.Family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IPv6 " : "IPv4 ")}{destination}{via} metric {route.Metric}";
    }

    private NetlinkAnswer Send(string networkInterface, string operation, Func<uint, byte[]> build)
    {
        try
        {
            return socket.Send(build);
        }
        catch (Exception exception) when (exception is TimeoutException or IOException or RtnetlinkProtocolException)
        {
            throw new NetworkConfigurationException(networkInterface, operation, exception.Message, exception);
        }
    }

    private static void Check(string networkInterface, string operation, NetlinkAnswer answer)
    {
        if (answer.Errno != 0)
        {
            throw new NetworkConfigurationException(networkInterface, operation, answer.Errno, answer.KernelMessage);
        }
    }
}
