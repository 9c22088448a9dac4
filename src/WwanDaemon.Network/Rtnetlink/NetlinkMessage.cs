using static WwanDaemon.Network.Rtnetlink.RtnetlinkConstants;

namespace WwanDaemon.Network.Rtnetlink;

/// <summary>One message out of a netlink datagram: the nlmsghdr fields and the bytes after the header.</summary>
public sealed record NetlinkMessage(ushort Type, ushort Flags, uint Sequence, uint PortId, ReadOnlyMemory<byte> Payload);

/// <summary>
/// Splits a datagram the kernel sent into messages. A datagram may hold several, each padded to 4
/// (NLMSG_ALIGN). Lengths are checked against what arrived before anything is copied.
/// </summary>
public static class NetlinkMessageReader
{
    /// <summary>Reads the next message and advances <paramref name="datagram"/> past it; false at the end.</summary>
    /// <exception cref="RtnetlinkProtocolException">A truncated header, or a length that does not fit the datagram.</exception>
    public static bool TryRead(ref ReadOnlySpan<byte> datagram, out NetlinkMessage message)
    {
        message = null!;
        if (datagram.IsEmpty)
        {
            return false;
        }
        if (datagram.Length < HeaderLength)
        {
            throw new RtnetlinkProtocolException($"netlink reply truncated: {datagram.Length} bytes left, a message header needs {HeaderLength}");
        }
        var length = HostOrder.ReadUInt32(datagram);
        if (length < HeaderLength)
        {
            throw new RtnetlinkProtocolException($"netlink reply garbled: nlmsg_len {length} is shorter than the {HeaderLength}-byte header");
        }
        if (length > (uint)datagram.Length)
        {
            throw new RtnetlinkProtocolException($"netlink reply truncated: nlmsg_len says {length} bytes, only {datagram.Length} arrived");
        }
        message = new NetlinkMessage(
            HostOrder.ReadUInt16(datagram[4..]),
            HostOrder.ReadUInt16(datagram[6..]),
            HostOrder.ReadUInt32(datagram[8..]),
            HostOrder.ReadUInt32(datagram[12..]),
            datagram[HeaderLength..(int)length].ToArray());
        var advance = Math.Min(Align((int)length), datagram.Length);
        datagram = datagram[advance..];
        return true;
    }

    /// <summary>All messages of a datagram.</summary>
    public static IReadOnlyList<NetlinkMessage> ReadAll(ReadOnlySpan<byte> datagram)
    {
        var messages = new List<NetlinkMessage>();
        while (TryRead(ref datagram, out var message))
        {
            messages.Add(message);
        }
        return messages;
    }
}
