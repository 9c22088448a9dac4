using WwanDaemon.Network.Rtnetlink;

namespace WwanDaemon.Network.Tests.Rtnetlink;

public class NetlinkMessageReaderTests
{
    [Fact]
    public void ReadAll_TwoMessagesPaddedToFour_BothWithPayloads()
    {
        var datagram = AnnotatedHex.Parse("""
            13 00 00 00 10 00 02 00 01 00 00 00 00 00 00 00   // len 19 (3 payload bytes), NLM_F_MULTI
            aa bb cc                  // payload
            00                        // NLMSG_ALIGN padding
            10 00 00 00 03 00 02 00 01 00 00 00 00 00 00 00   // NLMSG_DONE, no payload
            """);

        var messages = NetlinkMessageReader.ReadAll(datagram);

        Assert.Equal(2, messages.Count);
        Assert.Equal([0xaa, 0xbb, 0xcc], messages[0].Payload.ToArray());
        Assert.Equal(RtnetlinkConstants.TypeDone, messages[1].Type);
    }

    [Fact]
    public void ReadAll_LastMessageWithoutTrailingPadding_Accepted()
    {
        var datagram = AnnotatedHex.Parse("11 00 00 00 10 00 00 00 01 00 00 00 00 00 00 00  ff // len 17, datagram ends unpadded");

        Assert.Single(NetlinkMessageReader.ReadAll(datagram));
    }

    [Theory]
    [InlineData("10 00 00 00 02 00", "truncated: 6 bytes left")]                                    // half a header
    [InlineData("24 00 00 00 02 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00", "says 36 bytes, only 20")] // cut short
    [InlineData("08 00 00 00 02 00 00 00 01 00 00 00 00 00 00 00", "shorter than the 16-byte header")]    // length below header
    [InlineData("00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", "nlmsg_len 0")]                      // zeros
    public void TryRead_TruncatedOrGarbage_ProtocolErrorSaysWhat(string hex, string expected)
    {
        var error = Assert.Throws<RtnetlinkProtocolException>(() => NetlinkMessageReader.ReadAll(AnnotatedHex.Parse(hex)));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_Empty_False()
    {
        ReadOnlySpan<byte> empty = [];
        Assert.False(NetlinkMessageReader.TryRead(ref empty, out _));
    }

    [Fact]
    public void RoundTrip_EncodedRequest_ReadBackWithSameHeader()
    {
        var request = RtnetlinkRequests.SetLink(new LinkChange(7, Up: true, Mtu: null), 99);

        var message = Assert.Single(NetlinkMessageReader.ReadAll(request));

        Assert.Equal((RtnetlinkConstants.NewLink, 99u, 16), (message.Type, message.Sequence, message.Payload.Length));
    }
}
