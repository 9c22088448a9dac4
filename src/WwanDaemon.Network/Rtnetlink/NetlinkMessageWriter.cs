using System.Buffers;

namespace WwanDaemon.Network.Rtnetlink;

/// <summary>
/// Builds one netlink request: nlmsghdr, the family's fixed header, then rtattrs, each padded to 4.
/// <code>
///  0               4       6       8               12              16
/// +---------------+-------+-------+---------------+---------------+
/// | nlmsg_len     | type  | flags | nlmsg_seq     | nlmsg_pid (0) |   struct nlmsghdr, host order
/// +---------------+-------+-------+---------------+---------------+
/// | fixed header (ifinfomsg 16 / ifaddrmsg 8 / rtmsg 12 bytes)    |
/// +-------+-------+-----------------------------+-----------------+
/// | rta_len | rta_type | value ...               | pad to 4        |   struct rtattr, repeated
/// +-------+-------+-----------------------------+-----------------+
/// </code>
/// nlmsg_len is patched in last, when the length is known.
/// </summary>
internal sealed class NetlinkMessageWriter
{
    private readonly ArrayBufferWriter<byte> buffer = new(128);

    public NetlinkMessageWriter(ushort type, ushort flags, uint sequence)
    {
        var header = buffer.GetSpan(RtnetlinkConstants.HeaderLength)[..RtnetlinkConstants.HeaderLength];
        header.Clear();
        HostOrder.WriteUInt16(header[4..], type);
        HostOrder.WriteUInt16(header[6..], flags);
        HostOrder.WriteUInt32(header[8..], sequence);
        buffer.Advance(RtnetlinkConstants.HeaderLength);
    }

    /// <summary>Writes the fixed family header (its sizes, 16/8/12, are already multiples of 4).</summary>
    public void WriteFixed(ReadOnlySpan<byte> fixedHeader) => WritePadded(fixedHeader);

    public void WriteAttribute(ushort type, ReadOnlySpan<byte> value)
    {
        Span<byte> header = stackalloc byte[4];
        HostOrder.WriteUInt16(header, checked((ushort)(4 + value.Length)));
        HostOrder.WriteUInt16(header[2..], type);
        buffer.Write(header);
        WritePadded(value);
    }

    public void WriteUInt32Attribute(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        HostOrder.WriteUInt32(bytes, value);
        WriteAttribute(type, bytes);
    }

    public byte[] ToArray()
    {
        var message = buffer.WrittenSpan.ToArray();
        HostOrder.WriteUInt32(message, (uint)message.Length);
        return message;
    }

    private void WritePadded(ReadOnlySpan<byte> bytes)
    {
        buffer.Write(bytes);
        var padding = RtnetlinkConstants.Align(bytes.Length) - bytes.Length;
        if (padding > 0)
        {
            var span = buffer.GetSpan(padding)[..padding];
            span.Clear();
            buffer.Advance(padding);
        }
    }
}
