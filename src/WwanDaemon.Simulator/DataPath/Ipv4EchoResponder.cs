using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace WwanDaemon.Simulator.DataPath;

/// <summary>The IPv4 side of a simulated data session: the address the network gave the host and its gateway.</summary>
public sealed record Ipv4SessionAddresses(IPAddress Address, IPAddress? Gateway);

/// <summary>
/// The simulated network behind a modem, as far as ping goes: a pure function from one IP packet the
/// host sent to the echo reply the network sends back, or a reason for silence. It answers echo
/// requests addressed to a session's gateway or to any address other than the session's own (the
/// gateway stands for the operator, everything else for the internet), only while a session is active.
/// </summary>
/// <remarks>
/// IPv4 header (RFC 791 §3.1), followed by the ICMP echo message (RFC 792, "Echo or Echo Reply Message"):
/// <code>
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |Version|  IHL  |Type of Service|          Total Length         |   0
/// |         Identification        |Flags|      Fragment Offset    |   4
/// |  Time to Live |    Protocol   |         Header Checksum       |   8
/// |                       Source Address                          |  12
/// |                    Destination Address                        |  16
/// |                    Options (IHL > 5)                          |
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |     Type      |     Code      |          Checksum             |   IHL*4
/// |           Identifier          |        Sequence Number        |
/// |     Data ...
/// </code>
/// The reply (RFC 792): source and destination swapped, type 0 instead of 8, identifier, sequence
/// number and data unchanged, the ICMP checksum over the whole ICMP message recomputed; the IP
/// header gets a fresh TTL and its checksum recomputed (RFC 1071). Bytes after Total Length (link
/// padding) are not part of the packet.
/// </remarks>
public static class Ipv4EchoResponder
{
    private const int MinimumHeaderLength = 20;
    private const int IcmpEchoHeaderLength = 8;
    private const byte ProtocolIcmp = 1;      // RFC 790 assigned numbers
    private const byte IcmpEchoRequest = 8;   // RFC 792
    private const byte IcmpEchoReply = 0;
    private const byte ReplyTimeToLive = 64;  // RFC 1700's recommended default TTL

    /// <summary>
    /// Looks at one packet the host sent. Never throws for any input: whatever is not a well-formed
    /// IPv4 echo request the network answers comes back as a verdict with <paramref name="reply"/> null.
    /// </summary>
    /// <param name="packet">One whole packet as read from the interface (raw IP, no link header).</param>
    /// <param name="sessions">The modem's active sessions' IPv4 addresses; empty when it has none.</param>
    /// <param name="reply">The echo reply to hand back to the host, when answered.</param>
    public static EchoVerdict Respond(ReadOnlySpan<byte> packet, IReadOnlyCollection<Ipv4SessionAddresses> sessions, out byte[]? reply)
    {
        reply = null;
        if (packet.Length == 0)
        {
            return EchoVerdict.Malformed;
        }
        var version = packet[0] >> 4;
        if (version == 6)
        {
            return packet.Length >= 40 ? EchoVerdict.NotIpv4 : EchoVerdict.Malformed; // RFC 8200's fixed header is 40 bytes
        }
        if (version != 4 || packet.Length < MinimumHeaderLength)
        {
            return EchoVerdict.Malformed;
        }
        var headerLength = (packet[0] & 0x0f) * 4;
        var totalLength = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        if (headerLength < MinimumHeaderLength || totalLength < headerLength || totalLength > packet.Length
            || !InternetChecksum.IsValid(packet[..headerLength]))
        {
            return EchoVerdict.Malformed;
        }
        packet = packet[..totalLength];
        var flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        if ((flagsAndOffset & 0x2000) != 0 || (flagsAndOffset & 0x1fff) != 0) // More Fragments, or not the first fragment
        {
            return EchoVerdict.Fragment;
        }
        if (packet[9] != ProtocolIcmp)
        {
            return EchoVerdict.NotIcmp;
        }
        var icmp = packet[headerLength..];
        if (icmp.Length < IcmpEchoHeaderLength || !InternetChecksum.IsValid(icmp))
        {
            return EchoVerdict.Malformed;
        }
        if (icmp[0] != IcmpEchoRequest || icmp[1] != 0)
        {
            return EchoVerdict.NotEchoRequest;
        }
        if (sessions.Count == 0)
        {
            return EchoVerdict.NoSession;
        }
        var destination = new IPAddress(packet[16..20]);
        if (!ForTheNetwork(destination, sessions))
        {
            return EchoVerdict.NotForTheNetwork;
        }
        reply = BuildReply(packet, headerLength);
        return EchoVerdict.Answered;
    }

    /// <summary>A session's gateway, or any unicast address that is no session's own.</summary>
    private static bool ForTheNetwork(IPAddress destination, IReadOnlyCollection<Ipv4SessionAddresses> sessions)
    {
        if (sessions.Any(s => destination.Equals(s.Gateway)))
        {
            return true;
        }
        var first = destination.GetAddressBytes()[0];
        var multicastOrBroadcast = first >= 224 || destination.Equals(IPAddress.Broadcast); // 224.0.0.0/4 multicast, 240.0.0.0/4 reserved (RFC 1112, RFC 5735)
        return destination.AddressFamily == AddressFamily.InterNetwork && !multicastOrBroadcast && !sessions.Any(s => destination.Equals(s.Address));
    }

    private static byte[] BuildReply(ReadOnlySpan<byte> request, int headerLength)
    {
        var reply = request.ToArray();
        var header = reply.AsSpan(0, headerLength);
        request[12..16].CopyTo(header[16..20]); // the request's source becomes the destination
        request[16..20].CopyTo(header[12..16]); // and its destination answers
        header[8] = ReplyTimeToLive;
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], InternetChecksum.Compute(header));
        var icmp = reply.AsSpan(headerLength);
        icmp[0] = IcmpEchoReply;
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(icmp[2..], InternetChecksum.Compute(icmp));
        return reply;
    }
}
