using Microsoft.Extensions.Logging;
using WwanDaemon.Daemon.Configuration;
using WwanDaemon.DBus.Client;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Network.Configuration;
using WwanDaemon.Network.Dhcp;
using WwanDaemon.Network.Dns;

namespace WwanDaemon.Daemon.Supervision;

/// <summary>
/// The configurator for the IpConfiguration option on real hardware: apply (rtnetlink; DNS through
/// systemd-resolved's D-Bus API when it runs on the system bus, else a resolv.conf fragment in the
/// state directory) or report; either way a DHCP session (ECM, RNDIS, NCM
/// driven by AT) first gets its lease with busybox udhcpc (docs/dhcp.md).
/// </summary>
public static class IpConfiguratorFactory
{
    public static IIpConfigurator Create(IpConfigurationMode mode, string stateDirectory, ILoggerFactory logging)
    {
        IIpConfigurator inner = mode == IpConfigurationMode.Apply
            ? new RtnetlinkIpConfigurator(
                new ResolvedDnsConfigurator(() => SdBusClient.Connect(), new ResolvConfFragmentDnsConfigurator(stateDirectory), logging.CreateLogger<ResolvedDnsConfigurator>()),
                logger: logging.CreateLogger<RtnetlinkIpConfigurator>())
            : new ReportingIpConfigurator();
        return new DhcpSessionIpConfigurator(new DhcpLeaseClient(logger: logging.CreateLogger<DhcpLeaseClient>()), new RtnetlinkLinkActivator(), inner);
    }
}
