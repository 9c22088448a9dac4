using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Network.Dns;
using WwanDaemon.Network.Netlink;
using WwanDaemon.Network.Rtnetlink;

namespace WwanDaemon.Network.Configuration;

/// <summary>
/// Applies a session's IP settings through rtnetlink (option IpConfiguration = apply): MTU, link up,
/// the IPv4 and IPv6 addresses with their prefixes, a default route per family (see
/// <see cref="DefaultRoutePlanner"/>) with <see cref="RtnetlinkIpConfiguratorOptions.RouteMetric"/>, and DNS
/// through an <see cref="IDnsConfigurator"/>. Remembers what it changed per interface; <see cref="ClearAsync"/>
/// undoes that and nothing else (addresses or routes that were there before are left alone).
/// Needs CAP_NET_ADMIN.
/// </summary>
public sealed class RtnetlinkIpConfigurator : IIpConfigurator
{
    private readonly IDnsConfigurator dns;
    private readonly RtnetlinkIpConfiguratorOptions options;
    private readonly ILogger logger;
    private readonly Func<NetlinkRouteSocket> openSocket;
    private readonly Lock gate = new();
    private readonly Dictionary<string, AppliedConfiguration> applied = new(StringComparer.Ordinal);

    /// <param name="dns">Where name servers go (a resolv.conf fragment today; systemd-resolved later).</param>
    /// <param name="options">Route metric and IPv6 duplicate address detection.</param>
    /// <param name="logger">Logs each change with the interface name.</param>
    /// <param name="openSocket">Opens a NETLINK_ROUTE socket per call; the default opens one in the daemon's own network namespace.</param>
    public RtnetlinkIpConfigurator(IDnsConfigurator dns, RtnetlinkIpConfiguratorOptions? options = null, ILogger? logger = null, Func<NetlinkRouteSocket>? openSocket = null)
    {
        this.dns = dns;
        this.options = options ?? new RtnetlinkIpConfiguratorOptions();
        this.logger = logger ?? NullLogger.Instance;
        this.openSocket = openSocket ?? (() => new NetlinkRouteSocket());
    }

    public async Task<IpConfigurationReport> ApplyAsync(string networkInterface, SessionSettings settings, CancellationToken cancellationToken)
    {
        if (Previous(networkInterface) is not null)
        {
            await ClearAsync(networkInterface, cancellationToken).ConfigureAwait(false); // a new session replaces the old settings
        }
        cancellationToken.ThrowIfCancellationRequested();
        using (var socket = openSocket())
        {
            var links = new RtnetlinkLinks(socket);
            var link = links.Find(networkInterface);
            var state = new AppliedConfiguration(link.Index);
            lock (gate) applied[networkInterface] = state;
            try
            {
                ApplyLink(links, networkInterface, link, settings, state);
                ApplyFamily(links, networkInterface, state, settings.Ipv4Address, settings.Ipv4PrefixLength, settings.Ipv4Gateway);
                ApplyFamily(links, networkInterface, state, settings.Ipv6Address, settings.Ipv6PrefixLength, settings.Ipv6Gateway);
            }
            catch (NetworkConfigurationException)
            {
                Undo(links, networkInterface, state); // leave the interface as it was, then report the first failure
                lock (gate) applied.Remove(networkInterface);
                throw;
            }
        }
        if (settings.Dns.Count > 0)
        {
            await dns.ApplyAsync(networkInterface, settings.Dns, cancellationToken).ConfigureAwait(false);
            lock (gate) applied[networkInterface].WroteDns = true;
        }
        logger.LogInformation("{Interface}: IP configuration applied ({Method}, metric {Metric})", networkInterface, settings.ByDhcp ? "dhcp" : "static", options.RouteMetric);
        return IpReports.From(networkInterface, settings, applied: true);
    }

    public async Task ClearAsync(string networkInterface, CancellationToken cancellationToken)
    {
        AppliedConfiguration? state;
        lock (gate)
        {
            applied.Remove(networkInterface, out state);
        }
        if (state is null)
        {
            return;
        }
        List<NetworkConfigurationException> failures;
        using (var socket = openSocket())
        {
            failures = Undo(new RtnetlinkLinks(socket), networkInterface, state);
        }
        if (state.WroteDns)
        {
            await dns.ClearAsync(networkInterface, cancellationToken).ConfigureAwait(false);
        }
        if (failures.Count > 0)
        {
            throw failures[0];
        }
        logger.LogInformation("{Interface}: IP configuration cleared", networkInterface);
    }

    private AppliedConfiguration? Previous(string networkInterface)
    {
        lock (gate) return applied.GetValueOrDefault(networkInterface);
    }

    private static void ApplyLink(RtnetlinkLinks links, string networkInterface, LinkInfo link, SessionSettings settings, AppliedConfiguration state)
    {
        if (settings.Mtu is { } mtu && mtu != link.Mtu)
        {
            links.Change(networkInterface, new LinkChange(link.Index, Up: null, Mtu: mtu));
            state.PreviousMtu = link.Mtu;
        }
        if (!link.IsUp)
        {
            links.Change(networkInterface, new LinkChange(link.Index, Up: true, Mtu: null));
            state.RaisedLink = true;
        }
    }

    private void ApplyFamily(RtnetlinkLinks links, string networkInterface, AppliedConfiguration state, IPAddress? address, int prefixLength, IPAddress? gateway)
    {
        if (address is null)
        {
            return;
        }
        var entry = new InterfaceAddress(state.InterfaceIndex, address, prefixLength,
            NoDuplicateAddressDetection: address.AddressFamily == AddressFamily.InterNetworkV6 && options.SkipIpv6DuplicateAddressDetection);
        if (links.TryAddAddress(networkInterface, entry))
        {
            state.Addresses.Add(entry);
        }
        else
        {
            logger.LogInformation("{Interface}: address {Address}/{Prefix} was already there; left in place on clear", networkInterface, address, prefixLength);
        }
        var route = DefaultRoutePlanner.Plan(state.InterfaceIndex, address, prefixLength, gateway, options.RouteMetric);
        if (links.TryAddRoute(networkInterface, route))
        {
            state.Routes.Add(route);
        }
        else
        {
            logger.LogInformation("{Interface}: {Route} was already there; left in place on clear", networkInterface, RtnetlinkLinks.Describe(route));
        }
    }

    /// <summary>Undoes in reverse order; keeps going past failures and returns them (ENODEV means everything went with the interface).</summary>
    private List<NetworkConfigurationException> Undo(RtnetlinkLinks links, string networkInterface, AppliedConfiguration state)
    {
        var failures = new List<NetworkConfigurationException>();
        void Attempt(Action step)
        {
            try
            {
                step();
            }
            catch (NetworkConfigurationException failure) when (failure.ErrorNumber != Errno.NoSuchDevice)
            {
                logger.LogWarning("{Message}", failure.Message);
                failures.Add(failure);
            }
            catch (NetworkConfigurationException gone)
            {
                logger.LogInformation("{Interface}: gone while clearing its IP configuration ({Message})", networkInterface, gone.Message);
            }
        }
        foreach (var route in Enumerable.Reverse(state.Routes))
        {
            Attempt(() => links.TryRemoveRoute(networkInterface, route));
        }
        foreach (var address in Enumerable.Reverse(state.Addresses))
        {
            Attempt(() => links.TryRemoveAddress(networkInterface, address));
        }
        if (state.RaisedLink)
        {
            Attempt(() => links.Change(networkInterface, new LinkChange(state.InterfaceIndex, Up: false, Mtu: null)));
        }
        if (state.PreviousMtu is { } mtu)
        {
            Attempt(() => links.Change(networkInterface, new LinkChange(state.InterfaceIndex, Up: null, Mtu: mtu)));
        }
        return failures;
    }
}
