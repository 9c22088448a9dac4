using System.Net;
using WwanDaemon.Network.Dhcp;

namespace WwanDaemon.Network.Tests.Dhcp;

public class UdhcpcLeaseParserTests
{
    // What UdhcpcHookScript writes for a lease from dnsmasq (the DHCP test's server).
    private const string Lease = """
        ip=192.0.2.50
        mask=24
        router=192.0.2.1 192.0.2.2
        dns=192.0.2.53 198.51.100.53
        mtu=1400
        lease=3600
        serverid=192.0.2.1
        domain=example.net

        """;

    [Fact]
    public void Parse_FullLease_AllFields()
    {
        var lease = UdhcpcLeaseParser.Parse("usb0", Lease);

        Assert.Equal(IPAddress.Parse("192.0.2.50"), lease.Address);
        Assert.Equal(24, lease.PrefixLength);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), lease.Router);
        Assert.Equal([IPAddress.Parse("192.0.2.53"), IPAddress.Parse("198.51.100.53")], lease.Dns);
        Assert.Equal(1400, lease.Mtu);
        Assert.Equal(TimeSpan.FromHours(1), lease.LeaseTime);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), lease.Server);
    }

    [Fact]
    public void Parse_OnlyAddress_DefaultsAndEmptyLists()
    {
        var lease = UdhcpcLeaseParser.Parse("usb0", "ip=10.0.0.7\nmask=\nrouter=\ndns=\nmtu=\nlease=\n");

        Assert.Equal(new DhcpLease(IPAddress.Parse("10.0.0.7"), 32, null, lease.Dns, null, null, null), lease);
        Assert.Empty(lease.Dns);
    }

    [Fact]
    public void Parse_SmuggledLineAfterFirstIp_FirstWins()
    {
        var lease = UdhcpcLeaseParser.Parse("usb0", Lease + "ip=6.6.6.6\n");

        Assert.Equal(IPAddress.Parse("192.0.2.50"), lease.Address);
    }

    [Fact]
    public void ToSessionSettings_Lease_ByDhcpWithAddresses()
    {
        var settings = UdhcpcLeaseParser.Parse("usb0", Lease).ToSessionSettings();

        Assert.True(settings.ByDhcp);
        Assert.Equal((IPAddress.Parse("192.0.2.50"), 24, IPAddress.Parse("192.0.2.1"), 1400), (settings.Ipv4Address, settings.Ipv4PrefixLength, settings.Ipv4Gateway, settings.Mtu));
    }

    [Theory]
    [InlineData("mask=24\n", "no address")]
    [InlineData("ip=10.0.0\n", "'10.0.0' is not an IPv4 address")]
    [InlineData("ip=2001:db8::1\n", "not an IPv4 address")]
    [InlineData("ip=10.0.0.7\nmask=33\n", "/33")]
    [InlineData("ip=10.0.0.7\nmtu=big\n", "mtu 'big' is not a number")]
    [InlineData("ip=10.0.0.7\ndns=192.0.2.53 junk\n", "dns 'junk'")]
    public void Parse_Malformed_ErrorNamesInterfaceAndField(string text, string expected)
    {
        var error = Assert.Throws<DhcpException>(() => UdhcpcLeaseParser.Parse("usb0", text));
        Assert.StartsWith("usb0: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandLine_DefaultOptions_OneShotForegroundWithHook()
    {
        var client = new DhcpLeaseClient();

        Assert.Equal(["busybox", "udhcpc", "-f", "-q", "-n", "-i", "usb0", "-s", "/run/hook", "-t", "5", "-T", "3", "-O", "mtu"], client.CommandLine("usb0", "/run/hook"));
    }
}
