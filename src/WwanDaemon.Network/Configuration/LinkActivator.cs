using WwanDaemon.Network.Netlink;
using WwanDaemon.Network.Rtnetlink;

namespace WwanDaemon.Network.Configuration;

/// <summary>Sets a link up (IFF_UP): DHCP cannot run on a link that is down.</summary>
public interface ILinkActivator
{
    Task BringUpAsync(string networkInterface, CancellationToken cancellationToken);
}

/// <summary>Sets IFF_UP through rtnetlink; nothing when the link is already up.</summary>
public sealed class RtnetlinkLinkActivator(Func<NetlinkRouteSocket>? openSocket = null) : ILinkActivator
{
    private readonly Func<NetlinkRouteSocket> openSocket = openSocket ?? (() => new NetlinkRouteSocket());

    public Task BringUpAsync(string networkInterface, CancellationToken cancellationToken)
    {
        using var socket = openSocket();
        var links = new RtnetlinkLinks(socket);
        var link = links.Find(networkInterface);
        if (!link.IsUp)
        {
            links.Change(networkInterface, new LinkChange(link.Index, Up: true, Mtu: null));
        }
        return Task.CompletedTask;
    }
}
