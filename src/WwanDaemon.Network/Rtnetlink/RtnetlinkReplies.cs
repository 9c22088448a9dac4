using System.Text;
using static WwanDaemon.Network.Rtnetlink.RtnetlinkConstants;

namespace WwanDaemon.Network.Rtnetlink;

/// <summary>One route attribute: its type (NLA_F_* bits masked off) and value bytes.</summary>
public sealed record RouteAttribute(ushort Type, ReadOnlyMemory<byte> Value);

/// <summary>An NLMSG_ERROR: 0 for the ACK, else the positive errno; the kernel's explanation when it gave one.</summary>
public sealed record NetlinkAcknowledgement(int Errno, string? KernelMessage);

/// <summary>Reads what the kernel answers: NLMSG_ERROR acks and RTM_NEWLINK link descriptions.</summary>
public static class RtnetlinkReplies
{
    /// <summary>
    /// The errno of an NLMSG_ERROR message: 0 for the ACK, else the positive errno (the kernel sends it negated).
    /// <code>
    /// +----------------+------------------------------------------+
    /// | error (s32)    | the request's nlmsghdr (16 bytes) [+ ...] |   struct nlmsgerr (linux/netlink.h)
    /// +----------------+------------------------------------------+
    /// </code>
    /// </summary>
    public static int ReadErrno(NetlinkMessage message) => ReadAcknowledgement(message).Errno;

    /// <summary>
    /// The errno and, with NLM_F_ACK_TLVS, the kernel's own explanation (NLMSGERR_ATTR_MSG, such as
    /// "Nexthop has invalid gateway"). The attributes follow the echoed request: its header only when
    /// NLM_F_CAPPED is set, else the whole request, padded to 4.
    /// </summary>
    public static NetlinkAcknowledgement ReadAcknowledgement(NetlinkMessage message)
    {
        var errno = ReadErrnoOnly(message);
        if ((message.Flags & FlagAcknowledgementTlvs) == 0)
        {
            return new NetlinkAcknowledgement(errno, null);
        }
        var payload = message.Payload.Span;
        var echoed = (message.Flags & FlagCapped) != 0 ? HeaderLength : Align((int)HostOrder.ReadUInt32(payload[4..]));
        if (echoed < HeaderLength || 4 + echoed > payload.Length)
        {
            throw new RtnetlinkProtocolException($"NLMSG_ERROR garbled: the echoed request claims {echoed} bytes, {payload.Length - 4} arrived");
        }
        string? text = null;
        foreach (var attribute in ReadAttributes(payload[(4 + echoed)..]))
        {
            if (attribute.Type == ErrorAttributeMessage)
            {
                var bytes = attribute.Value.Span;
                var end = bytes.IndexOf((byte)0);
                text = Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
            }
        }
        return new NetlinkAcknowledgement(errno, string.IsNullOrWhiteSpace(text) ? null : text);
    }

    private static int ReadErrnoOnly(NetlinkMessage message)
    {
        if (message.Type != TypeError)
        {
            throw new RtnetlinkProtocolException($"expected NLMSG_ERROR ({TypeError}), got message type {message.Type}");
        }
        if (message.Payload.Length < ErrorHeaderLength)
        {
            throw new RtnetlinkProtocolException($"NLMSG_ERROR truncated: {message.Payload.Length} bytes, struct nlmsgerr needs {ErrorHeaderLength}");
        }
        var error = HostOrder.ReadInt32(message.Payload.Span);
        if (error > 0)
        {
            throw new RtnetlinkProtocolException($"NLMSG_ERROR garbled: error {error} is positive (the kernel sends 0 or -errno)");
        }
        return -error;
    }

    /// <summary>Reads an RTM_NEWLINK message: ifinfomsg index and flags, IFLA_MTU, IFLA_IFNAME.</summary>
    public static LinkInfo ReadLink(NetlinkMessage message)
    {
        if (message.Type != NewLink)
        {
            throw new RtnetlinkProtocolException($"expected RTM_NEWLINK ({NewLink}), got message type {message.Type}");
        }
        var payload = message.Payload.Span;
        if (payload.Length < LinkHeaderLength)
        {
            throw new RtnetlinkProtocolException($"RTM_NEWLINK truncated: {payload.Length} bytes, struct ifinfomsg needs {LinkHeaderLength}");
        }
        var index = HostOrder.ReadInt32(payload[4..]);
        var flags = HostOrder.ReadUInt32(payload[8..]);
        int? mtu = null;
        string? name = null;
        foreach (var attribute in ReadAttributes(payload[LinkHeaderLength..]))
        {
            switch (attribute.Type)
            {
                case LinkMtu:
                    if (attribute.Value.Length != 4)
                    {
                        throw new RtnetlinkProtocolException($"IFLA_MTU has {attribute.Value.Length} bytes, expected 4");
                    }
                    mtu = (int)HostOrder.ReadUInt32(attribute.Value.Span);
                    break;
                case LinkName:
                    var text = attribute.Value.Span;
                    var end = text.IndexOf((byte)0);
                    name = Encoding.ASCII.GetString(end < 0 ? text : text[..end]);
                    break;
            }
        }
        return new LinkInfo(index, flags, mtu, name);
    }

    /// <summary>
    /// Splits a run of rtattrs. Each is { u16 rta_len, u16 rta_type, value }, padded to 4; rta_len counts
    /// the 4-byte header and the value, not the padding.
    /// </summary>
    public static IReadOnlyList<RouteAttribute> ReadAttributes(ReadOnlySpan<byte> attributes)
    {
        var result = new List<RouteAttribute>();
        while (!attributes.IsEmpty)
        {
            if (attributes.Length < 4)
            {
                throw new RtnetlinkProtocolException($"route attribute truncated: {attributes.Length} bytes left, an rtattr header needs 4");
            }
            var length = HostOrder.ReadUInt16(attributes);
            var type = (ushort)(HostOrder.ReadUInt16(attributes[2..]) & AttributeTypeMask);
            if (length < 4 || length > attributes.Length)
            {
                throw new RtnetlinkProtocolException($"route attribute {type} garbled: rta_len {length} with {attributes.Length} bytes left");
            }
            result.Add(new RouteAttribute(type, attributes[4..length].ToArray()));
            attributes = attributes[Math.Min(Align(length), attributes.Length)..];
        }
        return result;
    }
}
