using System.Net;
using WwanDaemon.Simulator.DataPath;

namespace WwanDaemon.Simulator.Tests.DataPath;

/// <summary>The simulated network's answer to one packet: echo requests per RFC 792, checksums per RFC 1071, garbage ignored.</summary>
public class Ipv4EchoResponderTests
{
    private static readonly Ipv4SessionAddresses[] Session = [new(IPAddress.Parse("192.0.2.2"), IPAddress.Parse("192.0.2.1"))];

    /// <summary>What busybox ping sends to the gateway, shortened to 4 bytes of data (checksums computed per RFC 1071).</summary>
    private static readonly byte[] RequestToGateway = AnnotatedHex.Parse("""
        45 00 00 20   // version 4, IHL 5 (20 bytes); TOS 0; total length 32
        be ef 40 00   // identification; flags DF, fragment offset 0
        40 01 f7 e9   // TTL 64; protocol 1 (ICMP); header checksum
        c0 00 02 02   // source 192.0.2.2 (the session's address)
        c0 00 02 01   // destination 192.0.2.1 (the session's gateway)
        08 00 21 04   // ICMP type 8 (echo request), code 0, checksum
        12 34 00 01   // identifier 0x1234, sequence number 1
        61 62 63 64   // data "abcd"
        """);

    private static readonly byte[] ReplyFromGateway = AnnotatedHex.Parse("""
        45 00 00 20   // unchanged
        be ef 40 00   // identification kept
        40 01 f7 e9   // TTL 64; ICMP; the checksum is the same: swapping the addresses keeps the sum
        c0 00 02 01   // source: the gateway
        c0 00 02 02   // destination: the host
        00 00 29 04   // ICMP type 0 (echo reply), code 0, checksum (8 less in the type word, 8 more in the checksum)
        12 34 00 01   // identifier and sequence number echoed
        61 62 63 64   // data echoed
        """);

    private static readonly byte[] RequestToInternet = AnnotatedHex.Parse("""
        45 00 00 20  be ef 40 00  40 01 8f b0   // as above, header checksum for the new destination
        c0 00 02 02  c6 33 64 07                // 192.0.2.2 → 198.51.100.7 (RFC 5737 TEST-NET-2)
        08 00 21 04  12 34 00 01  61 62 63 64   // echo request
        """);

    private static readonly byte[] ReplyFromInternet = AnnotatedHex.Parse("""
        45 00 00 20  be ef 40 00  40 01 8f b0
        c6 33 64 07  c0 00 02 02                // 198.51.100.7 → 192.0.2.2
        00 00 29 04  12 34 00 01  61 62 63 64   // echo reply
        """);

    [Fact]
    public void Respond_EchoRequestToGateway_ReplyByteExact()
    {
        Assert.Equal(EchoVerdict.Answered, Ipv4EchoResponder.Respond(RequestToGateway, Session, out var reply));
        Assert.Equal(ReplyFromGateway, reply);
    }

    [Fact]
    public void Respond_EchoRequestToOutsideAddress_AnsweredAsTheInternet()
    {
        Assert.Equal(EchoVerdict.Answered, Ipv4EchoResponder.Respond(RequestToInternet, Session, out var reply));
        Assert.Equal(ReplyFromInternet, reply);
        Assert.True(InternetChecksum.IsValid(reply.AsSpan(0, 20)));
        Assert.True(InternetChecksum.IsValid(reply.AsSpan(20)));
    }

    [Fact]
    public void Respond_LinkPaddingAfterTotalLength_NotPartOfTheReply()
    {
        Assert.Equal(EchoVerdict.Answered, Ipv4EchoResponder.Respond([.. RequestToGateway, 0, 0, 0], Session, out var reply));
        Assert.Equal(ReplyFromGateway, reply);
    }

    [Fact]
    public void Respond_NoSession_Silent()
    {
        Assert.Equal(EchoVerdict.NoSession, Ipv4EchoResponder.Respond(RequestToGateway, [], out var reply));
        Assert.Null(reply);
    }

    [Theory]
    [InlineData("192.0.2.2", EchoVerdict.NotForTheNetwork)]       // the host's own address
    [InlineData("224.0.0.1", EchoVerdict.NotForTheNetwork)]       // multicast
    [InlineData("255.255.255.255", EchoVerdict.NotForTheNetwork)] // broadcast
    [InlineData("192.0.2.77", EchoVerdict.Answered)]              // another address, even in the /24
    public void Respond_ByDestination(string destination, EchoVerdict expected)
    {
        var packet = WithDestination(RequestToGateway, IPAddress.Parse(destination));

        Assert.Equal(expected, Ipv4EchoResponder.Respond(packet, Session, out _));
    }

    public static TheoryData<string, byte[], EchoVerdict> Garbage => new()
    {
        { "empty", [], EchoVerdict.Malformed },
        { "one byte", [0x45], EchoVerdict.Malformed },
        { "19 bytes of header", RequestToGateway[..19], EchoVerdict.Malformed },
        { "truncated before the ICMP header ends", Truncated(RequestToGateway, 24), EchoVerdict.Malformed },
        { "total length beyond the packet", RequestToGateway[..28], EchoVerdict.Malformed },
        { "IHL 4", Patched(RequestToGateway, 0, 0x44), EchoVerdict.Malformed },
        { "IHL 15 in a 32-byte packet", Patched(RequestToGateway, 0, 0x4f), EchoVerdict.Malformed },
        { "total length below the header", Patched(RequestToGateway, 3, 0x10), EchoVerdict.Malformed },
        { "bad header checksum", Patched(RequestToGateway, 11, 0x00), EchoVerdict.Malformed },
        { "bad ICMP checksum", Patched(RequestToGateway, 23, 0x00), EchoVerdict.Malformed },
        { "version 5", Patched(RequestToGateway, 0, 0x55), EchoVerdict.Malformed },
        { "all ones", Enumerable.Repeat((byte)0xff, 64).ToArray(), EchoVerdict.Malformed },
        { "a short IPv6 header", [0x60, 0, 0, 0], EchoVerdict.Malformed },
        { "an IPv6 packet", [0x60, .. new byte[39]], EchoVerdict.NotIpv4 },
        { "UDP", WithHeaderByte(RequestToGateway, 9, 17), EchoVerdict.NotIcmp },
        { "more fragments", WithHeaderByte(RequestToGateway, 6, 0x20), EchoVerdict.Fragment },
        { "echo reply", WithIcmpType(RequestToGateway, 0), EchoVerdict.NotEchoRequest },
        { "destination unreachable", WithIcmpType(RequestToGateway, 3), EchoVerdict.NotEchoRequest },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Respond_TruncatedOrGarbageOrNotOurs_IgnoredWithReason(string what, byte[] packet, EchoVerdict expected)
    {
        Assert.True(expected == Ipv4EchoResponder.Respond(packet, Session, out var reply), what);
        Assert.Null(reply);
    }

    [Fact]
    public void Respond_EveryTruncationAndEveryByteFlip_NeverThrows()
    {
        for (var length = 0; length <= RequestToGateway.Length; length++)
        {
            Ipv4EchoResponder.Respond(RequestToGateway.AsSpan(0, length), Session, out _);
        }
        var random = new Random(6);
        for (var i = 0; i < 5000; i++)
        {
            var packet = (byte[])RequestToGateway.Clone();
            packet[random.Next(packet.Length)] = (byte)random.Next(256);
            var verdict = Ipv4EchoResponder.Respond(packet, Session, out var reply);
            Assert.Equal(verdict == EchoVerdict.Answered, reply is not null);
        }
    }

    [Theory]
    [InlineData("", 0xffff)]
    [InlineData("00 01 f2 03 f4 f5 f6 f7", 0x220d)] // RFC 1071 §3's example: sum ddf2, with carries 0x1ddf0 → folded ddf2; ~ = 220d
    [InlineData("ff", 0x00ff)]                      // odd length: padded with a zero byte
    public void InternetChecksum_Rfc1071(string hex, int expected) =>
        Assert.Equal((ushort)expected, InternetChecksum.Compute(AnnotatedHex.Parse(hex)));

    private static byte[] Patched(byte[] packet, int offset, byte value)
    {
        var copy = (byte[])packet.Clone();
        copy[offset] = value;
        return copy;
    }

    /// <summary>The first <paramref name="length"/> bytes with Total Length and the header checksum saying so.</summary>
    private static byte[] Truncated(byte[] packet, int length)
    {
        var copy = packet[..length];
        copy[3] = (byte)length;
        return Rechecksummed(copy);
    }

    /// <summary>A header field changed, the header checksum recomputed (so only the field is wrong).</summary>
    private static byte[] WithHeaderByte(byte[] packet, int offset, byte value) => Rechecksummed(Patched(packet, offset, value));

    private static byte[] WithDestination(byte[] packet, IPAddress destination)
    {
        var copy = (byte[])packet.Clone();
        destination.GetAddressBytes().CopyTo(copy, 16);
        return Rechecksummed(copy);
    }

    private static byte[] WithIcmpType(byte[] packet, byte type)
    {
        var copy = (byte[])packet.Clone();
        copy[20] = type;
        copy[22] = copy[23] = 0;
        var checksum = InternetChecksum.Compute(copy.AsSpan(20));
        copy[22] = (byte)(checksum >> 8);
        copy[23] = (byte)checksum;
        return copy;
    }

    private static byte[] Rechecksummed(byte[] packet)
    {
        packet[10] = packet[11] = 0;
        var checksum = InternetChecksum.Compute(packet.AsSpan(0, 20));
        packet[10] = (byte)(checksum >> 8);
        packet[11] = (byte)checksum;
        return packet;
    }
}
