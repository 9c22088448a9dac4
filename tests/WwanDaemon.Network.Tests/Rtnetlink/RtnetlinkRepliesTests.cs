using WwanDaemon.Network.Rtnetlink;

namespace WwanDaemon.Network.Tests.Rtnetlink;

public class RtnetlinkRepliesTests
{
    // NLMSG_ERROR answering seq 7: error, then the request's header (NLM_F_CAPPED: payload left out).
    private const string AckHeader = """
        24 00 00 00               // len 36
        02 00 00 01               // NLMSG_ERROR, NLM_F_CAPPED (0x100)
        07 00 00 00 2a 00 00 00   // seq 7, pid 42
        """;

    private const string EchoedRequest = "28 00 00 00 10 00 05 00 07 00 00 00 00 00 00 00 // the request's nlmsghdr";

    [Theory]
    [InlineData("00 00 00 00", 0)]   // the ACK
    [InlineData("ff ff ff ff", 1)]   // -EPERM
    [InlineData("ef ff ff ff", 17)]  // -EEXIST
    [InlineData("ed ff ff ff", 19)]  // -ENODEV
    [InlineData("9b ff ff ff", 101)] // -ENETUNREACH
    public void ReadErrno_NlmsgError_PositiveErrno(string error, int errno)
    {
        var datagram = AnnotatedHex.Parse(AckHeader + "\n" + error + "\n" + EchoedRequest);
        var message = Assert.Single(NetlinkMessageReader.ReadAll(datagram));

        Assert.Equal(7u, message.Sequence);
        Assert.Equal(errno, RtnetlinkReplies.ReadErrno(message));
    }

    [Fact]
    public void ReadAcknowledgement_CappedWithExtendedAck_ErrnoAndKernelMessage()
    {
        var datagram = AnnotatedHex.Parse("""
            30 00 00 00               // len 48
            02 00 00 03               // NLMSG_ERROR, NLM_F_CAPPED | NLM_F_ACK_TLVS
            07 00 00 00 00 00 00 00   // seq 7
            ea ff ff ff               // -EINVAL
            28 00 00 00 10 00 05 00 07 00 00 00 00 00 00 00   // the request's header only (capped)
            0c 00 01 00               // rta_len 12, NLMSGERR_ATTR_MSG
            62 61 64 20 6d 74 75 00   // "bad mtu\0"
            """);

        var acknowledgement = RtnetlinkReplies.ReadAcknowledgement(Assert.Single(NetlinkMessageReader.ReadAll(datagram)));

        Assert.Equal(new NetlinkAcknowledgement(22, "bad mtu"), acknowledgement);
    }

    [Fact]
    public void ReadAcknowledgement_UncappedWithExtendedAck_SkipsTheEchoedRequest()
    {
        var datagram = AnnotatedHex.Parse("""
            30 00 00 00 02 00 00 02 07 00 00 00 00 00 00 00   // len 48, NLMSG_ERROR, NLM_F_ACK_TLVS only
            ff ff ff ff               // -EPERM
            14 00 00 00 10 00 05 00 07 00 00 00 00 00 00 00   // the echoed request: nlmsg_len 20 ...
            aa bb cc dd               // ... with its 4 payload bytes
            08 00 01 00 6e 6f 21 00   // NLMSGERR_ATTR_MSG "no!"
            """);

        Assert.Equal(new NetlinkAcknowledgement(1, "no!"), RtnetlinkReplies.ReadAcknowledgement(NetlinkMessageReader.ReadAll(datagram)[0]));
    }

    [Fact]
    public void ReadAcknowledgement_EchoedRequestLongerThanTheError_ProtocolError()
    {
        var datagram = AnnotatedHex.Parse("""
            24 00 00 00 02 00 00 02 07 00 00 00 00 00 00 00
            ff ff ff ff
            40 00 00 00 10 00 05 00 07 00 00 00 00 00 00 00   // claims 64 echoed bytes, 16 arrived
            """);

        Assert.Throws<RtnetlinkProtocolException>(() => RtnetlinkReplies.ReadAcknowledgement(NetlinkMessageReader.ReadAll(datagram)[0]));
    }

    [Fact]
    public void ReadErrno_ErrorWithoutEchoedHeader_ProtocolError()
    {
        var datagram = AnnotatedHex.Parse("14 00 00 00 02 00 00 00 07 00 00 00 00 00 00 00  ff ff ff ff // len 20: error only");
        var message = Assert.Single(NetlinkMessageReader.ReadAll(datagram));

        var error = Assert.Throws<RtnetlinkProtocolException>(() => RtnetlinkReplies.ReadErrno(message));
        Assert.Contains("NLMSG_ERROR truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadErrno_PositiveError_ProtocolError()
    {
        var datagram = AnnotatedHex.Parse(AckHeader + "\n 05 00 00 00 \n" + EchoedRequest);

        Assert.Throws<RtnetlinkProtocolException>(() => RtnetlinkReplies.ReadErrno(NetlinkMessageReader.ReadAll(datagram)[0]));
    }

    [Fact]
    public void ReadLink_NewLinkWithMtuAndName_IndexFlagsMtuName()
    {
        var datagram = AnnotatedHex.Parse("""
            34 00 00 00 10 00 00 00 09 00 00 00 00 00 00 00   // len 52, RTM_NEWLINK, seq 9
            00 00 fe ff               // AF_UNSPEC, pad, ifi_type 0xfffe (ARPHRD_NONE: raw IP)
            04 00 00 00               // ifi_index 4
            d1 10 00 00               // ifi_flags UP|POINTOPOINT|NOARP|MULTICAST|...
            00 00 00 00               // ifi_change
            0a 00 03 00 77 77 61 6e 30 00 00 00   // IFLA_IFNAME "wwan0", padded
            08 00 04 00 dc 05 00 00   // IFLA_MTU 1500
            """);

        var link = RtnetlinkReplies.ReadLink(Assert.Single(NetlinkMessageReader.ReadAll(datagram)));

        Assert.Equal(new LinkInfo(4, 0x10d1, 1500, "wwan0"), link);
        Assert.True(link.IsUp);
    }

    [Fact]
    public void ReadLink_MtuOfWrongSize_ProtocolError()
    {
        var datagram = AnnotatedHex.Parse("""
            28 00 00 00 10 00 00 00 09 00 00 00 00 00 00 00
            00 00 00 00 04 00 00 00 00 00 00 00 00 00 00 00
            06 00 04 00 dc 05 00 00   // IFLA_MTU with 2 value bytes
            """);

        Assert.Throws<RtnetlinkProtocolException>(() => RtnetlinkReplies.ReadLink(NetlinkMessageReader.ReadAll(datagram)[0]));
    }

    [Fact]
    public void ReadLink_IfinfomsgTruncated_ProtocolError()
    {
        var datagram = AnnotatedHex.Parse("18 00 00 00 10 00 00 00 09 00 00 00 00 00 00 00  00 00 00 00 04 00 00 00 // 8 of 16 bytes");

        var error = Assert.Throws<RtnetlinkProtocolException>(() => RtnetlinkReplies.ReadLink(NetlinkMessageReader.ReadAll(datagram)[0]));
        Assert.Contains("ifinfomsg", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("08 00 04", "truncated")]                 // 3 bytes: no room for an rtattr header
    [InlineData("03 00 04 00", "rta_len 3")]              // shorter than its own header
    [InlineData("0c 00 04 00 dc 05 00 00", "rta_len 12")] // claims more than there is
    public void ReadAttributes_Garbage_ProtocolErrorSaysWhat(string hex, string expected)
    {
        var error = Assert.Throws<RtnetlinkProtocolException>(() => RtnetlinkReplies.ReadAttributes(AnnotatedHex.Parse(hex)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadAttributes_NestedFlag_TypeMasked()
    {
        var attribute = Assert.Single(RtnetlinkReplies.ReadAttributes(AnnotatedHex.Parse("04 00 12 80 // NLA_F_NESTED | 0x12, empty")));
        Assert.Equal(0x12, attribute.Type);
    }
}
