using System.Net;
using WwanDaemon.Network.Configuration;

namespace WwanDaemon.Network.Tests.Configuration;

public class DefaultRoutePlannerTests
{
    [Theory]
    [InlineData("10.64.12.9", 30, "10.64.12.10", true)]      // QMI's usual /30 with the gateway beside it
    [InlineData("10.64.12.9", 32, "10.64.12.10", false)]     // /32: nobody is on-link
    [InlineData("10.64.12.9", 29, "10.64.13.1", false)]      // gateway outside the prefix (seen on MBIM sessions)
    [InlineData("10.64.12.9", 30, "10.64.12.9", false)]      // gateway = own address
    [InlineData("2001:db8:1::9", 64, "2001:db8:1::1", true)]
    [InlineData("2001:db8:1::9", 64, "2001:db8:2::1", false)]
    [InlineData("2001:db8:1::9", 128, "fe80::1", true)]      // link-local is always on-link
    [InlineData("10.64.12.9", 30, "2001:db8:1::1", false)]   // other family
    public void IsOnLink_AddressPrefixGateway_Expected(string address, int prefix, string gateway, bool expected)
    {
        Assert.Equal(expected, DefaultRoutePlanner.IsOnLink(IPAddress.Parse(address), prefix, IPAddress.Parse(gateway)));
    }

    [Fact]
    public void Plan_GatewayOnLink_RouteViaGateway()
    {
        var route = DefaultRoutePlanner.Plan(3, IPAddress.Parse("10.64.12.9"), 30, IPAddress.Parse("10.64.12.10"), 700);

        Assert.Equal(IPAddress.Parse("10.64.12.10"), route.Gateway);
        Assert.Equal((3, 700u), (route.InterfaceIndex, route.Metric));
    }

    [Fact]
    public void Plan_NoGateway_DeviceRouteOfAddressFamily()
    {
        var route = DefaultRoutePlanner.Plan(3, IPAddress.Parse("2001:db8::9"), 64, null, 700);

        Assert.Null(route.Gateway);
        Assert.Equal(System.Net.Sockets.AddressFamily.InterNetworkV6, route.Family);
    }
}
