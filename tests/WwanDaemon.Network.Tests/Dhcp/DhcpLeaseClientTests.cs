using System.Net;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Network.Configuration;
using WwanDaemon.Network.Dhcp;
using WwanDaemon.Network.Dns;
using WwanDaemon.Network.Tests.Namespaces;

namespace WwanDaemon.Network.Tests.Dhcp;

/// <summary>
/// udhcpc against dnsmasq across a veth pair: the server end in one namespace (like the modem's
/// internal router on ECM/RNDIS/NCM), the client end (usb0) in another.
/// </summary>
public sealed class DhcpLeaseClientTests : IDisposable
{
    private readonly DirectoryInfo state = Directory.CreateTempSubdirectory("wwan-state-");

    public void Dispose() => state.Delete(recursive: true);

    private static (TestNetworkNamespace Server, TestNetworkNamespace Client) VethPair()
    {
        var server = TestNetworkNamespace.Create();
        TestNetworkNamespace? client = null;
        try
        {
            client = TestNetworkNamespace.Create();
            server.Ip("link", "add", "modem0", "type", "veth", "peer", "name", "usb0", "netns", client.Name);
            server.Ip("addr", "add", "192.0.2.1/24", "dev", "modem0");
            server.Ip("link", "set", "modem0", "up");
            return (server, client);
        }
        catch (InvalidOperationException)
        {
            client?.Dispose();
            server.Dispose();
            throw;
        }
    }

    private static DhcpLeaseClient Client(TestNetworkNamespace client, int discovers = 10) => new(new DhcpLeaseClientOptions
    {
        Command = ["ip", "netns", "exec", client.Name, "busybox", "udhcpc"],
        Discovers = discovers,
        SecondsBetweenDiscovers = 1,
        Timeout = TimeSpan.FromSeconds(30),
    });

    [RootFact]
    public async Task Acquire_DnsmasqOnVeth_LeaseWithAddressRouterDnsMtu()
    {
        var (server, client) = VethPair();
        using (server)
        using (client)
        using (new DnsmasqServer(server, "modem0", "192.0.2.50", "192.0.2.1", "192.0.2.53", 1400))
        {
            client.Ip("link", "set", "usb0", "up");

            var lease = await Client(client).AcquireAsync("usb0", CancellationToken.None);

            Assert.Equal(IPAddress.Parse("192.0.2.50"), lease.Address);
            Assert.Equal(24, lease.PrefixLength);
            Assert.Equal(IPAddress.Parse("192.0.2.1"), lease.Router);
            Assert.Equal([IPAddress.Parse("192.0.2.53")], lease.Dns);
            Assert.Equal(1400, lease.Mtu);
            Assert.Equal(TimeSpan.FromHours(1), lease.LeaseTime);
            Assert.Empty(IpJson.Addresses(client.IpJson("-4", "addr", "show", "dev", "usb0"))); // udhcpc touched nothing
        }
    }

    [RootFact]
    public async Task Apply_ByDhcpSessionWithRtnetlink_LinkUpLeaseAppliedAndReported()
    {
        var (server, client) = VethPair();
        using (server)
        using (client)
        using (new DnsmasqServer(server, "modem0", "192.0.2.50", "192.0.2.1", "192.0.2.53", 1400))
        {
            var inner = new RtnetlinkIpConfigurator(new ResolvConfFragmentDnsConfigurator(state.FullName), openSocket: client.OpenRouteSocket);
            var configurator = new DhcpSessionIpConfigurator(Client(client), new RtnetlinkLinkActivator(client.OpenRouteSocket), inner);
            var atSession = new SessionSettings(null, 0, null, [], null) { ByDhcp = true };

            var report = await configurator.ApplyAsync("usb0", atSession, CancellationToken.None);

            Assert.Equal(("dhcp", "192.0.2.50/24", "192.0.2.1", 1400, true), (report.Method, report.Address, report.Gateway, report.Mtu, report.Applied));
            Assert.Equal(["192.0.2.53"], report.Dns);
            Assert.Contains("192.0.2.50/24", IpJson.Addresses(client.IpJson("-4", "addr", "show", "dev", "usb0")));
            Assert.Equal(["default via 192.0.2.1 dev usb0 metric 700"], IpJson.Routes(client.IpJson("-4", "route", "show", "default")));
            client.Ip("-4", "route", "get", "192.0.2.1"); // reachable through the lease

            await configurator.ClearAsync("usb0", CancellationToken.None);

            Assert.Empty(IpJson.Addresses(client.IpJson("-4", "addr", "show", "dev", "usb0")));
        }
    }

    [RootFact]
    public async Task Apply_ByDhcpSessionReportOnly_ReportsLeaseWithoutAddingIt()
    {
        var (server, client) = VethPair();
        using (server)
        using (client)
        using (new DnsmasqServer(server, "modem0", "192.0.2.50", "192.0.2.1", "192.0.2.53", 1400))
        {
            var configurator = new DhcpSessionIpConfigurator(Client(client), new RtnetlinkLinkActivator(client.OpenRouteSocket), new ReportingIpConfigurator());

            var report = await configurator.ApplyAsync("usb0", new SessionSettings(null, 0, null, [], null) { ByDhcp = true }, CancellationToken.None);

            Assert.Equal(("192.0.2.50/24", false), (report.Address, report.Applied));
            Assert.Empty(IpJson.Addresses(client.IpJson("-4", "addr", "show", "dev", "usb0")));
        }
    }

    [RootFact]
    public async Task Acquire_NoServer_DhcpExceptionNamesInterface()
    {
        var (server, client) = VethPair();
        using (server)
        using (client)
        {
            client.Ip("link", "set", "usb0", "up");

            var error = await Assert.ThrowsAsync<DhcpException>(() => Client(client, discovers: 2).AcquireAsync("usb0", CancellationToken.None));

            Assert.StartsWith("usb0: no DHCP lease", error.Message, StringComparison.Ordinal);
        }
    }

    [RootFact]
    public async Task Acquire_Timeout_ClientKilledAndDhcpException()
    {
        var (server, client) = VethPair();
        using (server)
        using (client)
        {
            client.Ip("link", "set", "usb0", "up");
            var dhcp = new DhcpLeaseClient(new DhcpLeaseClientOptions
            {
                Command = ["ip", "netns", "exec", client.Name, "busybox", "udhcpc"],
                Discovers = 30,
                SecondsBetweenDiscovers = 1,
                Timeout = TimeSpan.FromSeconds(2),
            });

            var error = await Assert.ThrowsAsync<DhcpException>(() => dhcp.AcquireAsync("usb0", CancellationToken.None));

            Assert.Contains("usb0: no DHCP lease within 2 s", error.Message, StringComparison.Ordinal);
        }
    }
}
