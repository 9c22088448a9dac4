using System.Net;
using System.Net.Sockets;
using WwanDaemon.Network.Rtnetlink;

namespace WwanDaemon.Network.Tests.Rtnetlink;

// Byte-exact requests, laid out as the kernel reads them (little-endian host; iproute2's `ip -d monitor`
// and strace -X raw show the same bytes for the equivalent `ip link/addr/route` commands).
public class RtnetlinkRequestsTests
{
    [Fact]
    public void SetLink_UpWithMtu_NewLinkWithIfiChangeAndIflaMtu()
    {
        var expected = AnnotatedHex.Parse("""
            28 00 00 00   // nlmsg_len 40
            10 00         // RTM_NEWLINK (16)
            05 00         // NLM_F_REQUEST | NLM_F_ACK
            07 00 00 00   // seq 7
            00 00 00 00   // pid 0
            00 00         // ifi_family AF_UNSPEC, pad
            00 00         // ifi_type
            02 00 00 00   // ifi_index 2
            01 00 00 00   // ifi_flags IFF_UP
            01 00 00 00   // ifi_change IFF_UP
            08 00 04 00   // rta_len 8, IFLA_MTU (4)
            96 05 00 00   // 1430
            """);

        Assert.Equal(expected, RtnetlinkRequests.SetLink(new LinkChange(2, Up: true, Mtu: 1430), 7));
    }

    [Fact]
    public void SetLink_DownOnly_ChangeMaskWithoutFlagAndNoMtu()
    {
        var expected = AnnotatedHex.Parse("""
            20 00 00 00 10 00 05 00 01 00 00 00 00 00 00 00   // nlmsghdr: len 32, RTM_NEWLINK, seq 1
            00 00 00 00 02 00 00 00   // family, pad, type, index 2
            00 00 00 00               // ifi_flags: IFF_UP clear
            01 00 00 00               // ifi_change: IFF_UP
            """);

        Assert.Equal(expected, RtnetlinkRequests.SetLink(new LinkChange(2, Up: false, Mtu: null), 1));
    }

    [Fact]
    public void GetLinkByName_IflaIfnameNulTerminatedAndPadded()
    {
        var expected = AnnotatedHex.Parse("""
            2c 00 00 00 12 00 05 00 09 00 00 00 00 00 00 00   // len 44, RTM_GETLINK (18), request|ack, seq 9
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00   // ifinfomsg: index 0 (look up by name)
            0a 00 03 00               // rta_len 10, IFLA_IFNAME (3)
            77 77 61 6e 30 00         // "wwan0\0"
            00 00                     // padding to 4
            """);

        Assert.Equal(expected, RtnetlinkRequests.GetLinkByName("wwan0", 9));
    }

    [Fact]
    public void AddAddress_Ipv4_CreateExclusiveWithLocalAndAddress()
    {
        var expected = AnnotatedHex.Parse("""
            28 00 00 00               // len 40
            14 00                     // RTM_NEWADDR (20)
            05 06                     // REQUEST | ACK | NLM_F_EXCL (0x200) | NLM_F_CREATE (0x400)
            01 00 00 00 00 00 00 00   // seq 1, pid 0
            02 1e 00 00               // AF_INET, /30, ifa_flags 0, RT_SCOPE_UNIVERSE
            03 00 00 00               // ifa_index 3
            08 00 02 00 0a 00 00 02   // IFA_LOCAL 10.0.0.2
            08 00 01 00 0a 00 00 02   // IFA_ADDRESS 10.0.0.2
            """);

        Assert.Equal(expected, RtnetlinkRequests.AddAddress(new InterfaceAddress(3, IPAddress.Parse("10.0.0.2"), 30), 1));
    }

    [Fact]
    public void RemoveAddress_Ipv6NoDad_DelAddrWithNodadFlag()
    {
        var bytes = RtnetlinkRequests.RemoveAddress(new InterfaceAddress(3, IPAddress.Parse("2001:db8::5"), 64, NoDuplicateAddressDetection: true), 4);

        var expectedStart = AnnotatedHex.Parse("""
            40 00 00 00               // len 64 = 16 + 8 + 2 * (4 + 16)
            15 00 05 00               // RTM_DELADDR (21), REQUEST | ACK
            04 00 00 00 00 00 00 00   // seq 4
            0a 40 02 00               // AF_INET6, /64, IFA_F_NODAD, universe
            03 00 00 00               // ifa_index 3
            14 00 02 00               // IFA_LOCAL, 20 bytes
            20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 05
            14 00 01 00               // IFA_ADDRESS
            """);
        Assert.Equal(expectedStart, bytes[..expectedStart.Length]);
        Assert.Equal(64, bytes.Length);
    }

    [Fact]
    public void AddRoute_DefaultViaGateway_ScopeUniverseWithGatewayOifPriority()
    {
        var expected = AnnotatedHex.Parse("""
            34 00 00 00               // len 52
            18 00 05 06               // RTM_NEWROUTE (24), REQUEST | ACK | EXCL | CREATE
            02 00 00 00 00 00 00 00   // seq 2
            02 00 00 00               // AF_INET, dst_len 0 (default), src_len 0, tos 0
            fe 04 00 01               // RT_TABLE_MAIN, RTPROT_STATIC, RT_SCOPE_UNIVERSE, RTN_UNICAST
            00 00 00 00               // rtm_flags
            08 00 05 00 0a 00 00 01   // RTA_GATEWAY 10.0.0.1
            08 00 04 00 03 00 00 00   // RTA_OIF 3
            08 00 06 00 bc 02 00 00   // RTA_PRIORITY 700
            """);

        Assert.Equal(expected, RtnetlinkRequests.AddRoute(RouteEntry.DefaultVia(3, IPAddress.Parse("10.0.0.1"), 700), 2));
    }

    [Fact]
    public void RemoveRoute_Ipv6DeviceRoute_ScopeLinkNoGateway()
    {
        var expected = AnnotatedHex.Parse("""
            2c 00 00 00               // len 44
            19 00 05 00               // RTM_DELROUTE (25), REQUEST | ACK
            03 00 00 00 00 00 00 00   // seq 3
            0a 00 00 00               // AF_INET6, default
            fe 04 fd 01               // main, static, RT_SCOPE_LINK (253), unicast
            00 00 00 00
            08 00 04 00 05 00 00 00   // RTA_OIF 5
            08 00 06 00 e8 03 00 00   // RTA_PRIORITY 1000
            """);

        Assert.Equal(expected, RtnetlinkRequests.RemoveRoute(RouteEntry.DefaultOnDevice(AddressFamily.InterNetworkV6, 5, 1000), 3));
    }

    [Fact]
    public void AddAddress_PrefixOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RtnetlinkRequests.AddAddress(new InterfaceAddress(1, IPAddress.Parse("10.0.0.1"), 33), 1));
    }
}
