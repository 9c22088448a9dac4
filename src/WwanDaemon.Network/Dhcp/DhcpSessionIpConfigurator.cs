using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Network.Configuration;

namespace WwanDaemon.Network.Dhcp;

/// <summary>
/// For sessions whose addresses come from DHCP on the interface (<see cref="SessionSettings.ByDhcp"/>
/// with no address yet: ECM/RNDIS/NCM modems driven by AT): sets the link up, gets a lease, and hands
/// the lease's settings to the inner configurator, which applies them (rtnetlink) or only reports them.
/// So report mode brings the link up too: DHCP cannot run on a down link. Other sessions pass straight through.
/// </summary>
public sealed class DhcpSessionIpConfigurator(IDhcpLeaseSource dhcp, ILinkActivator link, IIpConfigurator inner) : IIpConfigurator
{
    public async Task<IpConfigurationReport> ApplyAsync(string networkInterface, SessionSettings settings, CancellationToken cancellationToken)
    {
        if (settings.ByDhcp && settings.Ipv4Address is null)
        {
            await link.BringUpAsync(networkInterface, cancellationToken).ConfigureAwait(false);
            var lease = await dhcp.AcquireAsync(networkInterface, cancellationToken).ConfigureAwait(false);
            settings = lease.ToSessionSettings() with
            {
                Ipv6Address = settings.Ipv6Address,
                Ipv6PrefixLength = settings.Ipv6PrefixLength,
                Ipv6Gateway = settings.Ipv6Gateway,
                Mtu = lease.Mtu ?? settings.Mtu,
            };
        }
        return await inner.ApplyAsync(networkInterface, settings, cancellationToken).ConfigureAwait(false);
    }

    public Task ClearAsync(string networkInterface, CancellationToken cancellationToken) => inner.ClearAsync(networkInterface, cancellationToken);
}
