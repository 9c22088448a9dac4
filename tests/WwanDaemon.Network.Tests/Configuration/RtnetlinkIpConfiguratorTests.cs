using WwanDaemon.Tests;
using System.Net;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Network.Configuration;
using WwanDaemon.Network.Dns;
using WwanDaemon.Network.Tests.Namespaces;

namespace WwanDaemon.Network.Tests.Configuration;

/// <summary>
/// The configurator against the real kernel, in a private network namespace with a TUN device: a
/// raw-IP, point-to-point, NOARP link like qmi_wwan's wwan0 in raw-IP mode (without a process on the
/// TUN it has no carrier, which changes nothing for addresses and routes: the kernel marks them linkdown).
/// </summary>
public sealed class RtnetlinkIpConfiguratorTests : IDisposable
{
    private readonly DirectoryInfo state = Directory.CreateTempSubdirectory("wwan-state-");

    public void Dispose() => state.Delete(recursive: true);

    private static SessionSettings QmiSession => new(
        IPAddress.Parse("10.64.12.9"), 30, IPAddress.Parse("10.64.12.10"),
        [IPAddress.Parse("192.0.2.53"), IPAddress.Parse("2001:db8::53")], 1430,
        IPAddress.Parse("2001:db8:1::9"), 64, null);

    private RtnetlinkIpConfigurator Configurator(TestNetworkNamespace space, uint metric = 750) => new(
        new ResolvConfFragmentDnsConfigurator(state.FullName),
        new RtnetlinkIpConfiguratorOptions { RouteMetric = metric },
        openSocket: space.OpenRouteSocket);

    private static TestNetworkNamespace WithTun()
    {
        var space = TestNetworkNamespace.Create();
        space.Ip("tuntap", "add", "dev", "wwan0", "mode", "tun");
        return space;
    }

    [RootFact]
    public async Task Apply_QmiSessionOnDownTun_MtuUpAddressesRoutesDnsThenClearUndoesAll()
    {
        using var space = WithTun();
        var configurator = Configurator(space);

        var report = await configurator.ApplyAsync("wwan0", QmiSession, CancellationToken.None);

        Assert.True(report.Applied);
        Assert.Equal(("10.64.12.9/30", "2001:db8:1::9/64", 1430), (report.Address, report.Ipv6Address, report.Mtu));
        var link = space.IpJson("link", "show", "dev", "wwan0");
        Assert.Equal(1430, IpJson.Mtu(link));
        Assert.Contains("UP", IpJson.Flags(link));
        var addresses = IpJson.Addresses(space.IpJson("addr", "show", "dev", "wwan0"));
        Assert.Contains("10.64.12.9/30", addresses);
        Assert.Contains("2001:db8:1::9/64", addresses);
        Assert.Equal(["default via 10.64.12.10 dev wwan0 metric 750"], IpJson.Routes(space.IpJson("-4", "route", "show", "default")));
        Assert.Equal(["default dev wwan0 metric 750"], IpJson.Routes(space.IpJson("-6", "route", "show", "default")));
        var fragment = Path.Combine(state.FullName, "resolv.conf.d", "wwan0.conf");
        Assert.Contains("nameserver 2001:db8::53", File.ReadAllText(fragment), StringComparison.Ordinal);

        await configurator.ClearAsync("wwan0", CancellationToken.None);

        link = space.IpJson("link", "show", "dev", "wwan0");
        Assert.Equal(1500, IpJson.Mtu(link));
        Assert.DoesNotContain("UP", IpJson.Flags(link));
        Assert.DoesNotContain(IpJson.Addresses(space.IpJson("addr", "show", "dev", "wwan0")), a => a.StartsWith("10.64.12.9", StringComparison.Ordinal) || a.StartsWith("2001:db8:1::9", StringComparison.Ordinal));
        Assert.Empty(IpJson.Routes(space.IpJson("-4", "route", "show", "default")));
        Assert.Empty(IpJson.Routes(space.IpJson("-6", "route", "show", "default")));
        Assert.False(File.Exists(fragment));
    }

    [RootFact]
    public async Task Clear_AddressAndRouteThatWereThereBefore_LeftInPlace()
    {
        using var space = WithTun();
        space.Ip("link", "set", "wwan0", "up");
        space.Ip("addr", "add", "10.64.12.9/30", "dev", "wwan0");            // someone else's, same address
        space.Ip("route", "add", "default", "dev", "wwan0", "metric", "50"); // someone else's default route
        var configurator = Configurator(space);

        await configurator.ApplyAsync("wwan0", QmiSession with { Ipv6Address = null, Mtu = null }, CancellationToken.None);
        Assert.Equal(["default dev wwan0 metric 50", "default via 10.64.12.10 dev wwan0 metric 750"],
            IpJson.Routes(space.IpJson("-4", "route", "show", "default")).Order(StringComparer.Ordinal));

        await configurator.ClearAsync("wwan0", CancellationToken.None);

        Assert.Contains("10.64.12.9/30", IpJson.Addresses(space.IpJson("addr", "show", "dev", "wwan0")));
        Assert.Equal(["default dev wwan0 metric 50"], IpJson.Routes(space.IpJson("-4", "route", "show", "default")));
        Assert.Contains("UP", IpJson.Flags(space.IpJson("link", "show", "dev", "wwan0"))); // it was up before: stays up
    }

    [RootFact]
    public async Task Apply_SlashThirtyTwoGatewayOffLink_DeviceRoute()
    {
        using var space = WithTun();
        var session = new SessionSettings(IPAddress.Parse("100.72.5.17"), 32, IPAddress.Parse("100.72.5.18"), [], null);

        await Configurator(space, metric: 700).ApplyAsync("wwan0", session, CancellationToken.None);

        Assert.Equal(["default dev wwan0 metric 700"], IpJson.Routes(space.IpJson("-4", "route", "show", "default")));
        Assert.Contains("100.72.5.17/32", IpJson.Addresses(space.IpJson("addr", "show", "dev", "wwan0")));
    }

    [RootFact]
    public async Task Apply_SecondSession_ReplacesTheFirst()
    {
        using var space = WithTun();
        var configurator = Configurator(space);
        await configurator.ApplyAsync("wwan0", QmiSession, CancellationToken.None);

        await configurator.ApplyAsync("wwan0", new SessionSettings(IPAddress.Parse("10.99.0.2"), 30, IPAddress.Parse("10.99.0.1"), [], null), CancellationToken.None);

        var addresses = IpJson.Addresses(space.IpJson("addr", "show", "dev", "wwan0"));
        Assert.Contains("10.99.0.2/30", addresses);
        Assert.DoesNotContain("10.64.12.9/30", addresses);
        Assert.Equal(["default via 10.99.0.1 dev wwan0 metric 750"], IpJson.Routes(space.IpJson("-4", "route", "show", "default")));
        Assert.False(File.Exists(Path.Combine(state.FullName, "resolv.conf.d", "wwan0.conf"))); // the new session has no DNS
    }

    [RootFact]
    public async Task Apply_NoSuchInterface_ErrorNamesInterfaceAndEnodev()
    {
        using var space = TestNetworkNamespace.Create();

        var error = await Assert.ThrowsAsync<NetworkConfigurationException>(() => Configurator(space).ApplyAsync("wwan7", QmiSession, CancellationToken.None));

        Assert.Equal(19, error.ErrorNumber);
        Assert.StartsWith("wwan7: looking up the interface failed: ENODEV", error.Message, StringComparison.Ordinal);
    }

    [RootFact]
    public async Task Apply_MtuTheLinkRefuses_FailsAndLeavesTheLinkAsItWas()
    {
        using var space = WithTun();
        var session = QmiSession with { Mtu = 70000 }; // above TUN's maximum (65535)

        var error = await Assert.ThrowsAsync<NetworkConfigurationException>(() => Configurator(space).ApplyAsync("wwan0", session, CancellationToken.None));

        Assert.StartsWith("wwan0: setting MTU 70000 failed: EINVAL (22), the kernel says \"", error.Message, StringComparison.Ordinal);
        Assert.Empty(IpJson.Addresses(space.IpJson("-4", "addr", "show", "dev", "wwan0")));
        Assert.DoesNotContain("UP", IpJson.Flags(space.IpJson("link", "show", "dev", "wwan0")));
    }

    [RootFact]
    public void Apply_WithoutCapNetAdmin_EpermNamesInterfaceAndCapability()
    {
        using var space = WithTun();
        var configurator = Configurator(space);
        NetworkConfigurationException? error = null;

        ThreadCapabilities.RunWithout(ThreadCapabilities.NetAdmin, () => error = Assert.Throws<NetworkConfigurationException>(
            () => configurator.ApplyAsync("wwan0", QmiSession, CancellationToken.None).GetAwaiter().GetResult()));

        Assert.Equal(1, error!.ErrorNumber);
        Assert.StartsWith("wwan0: setting MTU 1430 failed: EPERM (1): the daemon needs CAP_NET_ADMIN", error.Message, StringComparison.Ordinal);
        Assert.Equal(1500, IpJson.Mtu(space.IpJson("link", "show", "dev", "wwan0")));
    }

    [RootFact]
    public async Task Clear_NothingApplied_NoError()
    {
        using var space = WithTun();

        await Configurator(space).ClearAsync("wwan0", CancellationToken.None);
    }
}
