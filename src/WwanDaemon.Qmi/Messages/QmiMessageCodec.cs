using System.Buffers.Binary;
using WwanDaemon.Qmi.Framing;

namespace WwanDaemon.Qmi.Messages;

/// <summary>
/// QMUX frame ⇄ QMI message. The SDU header differs for CTL (service 0) and the other services:
/// <code>
/// CTL:      flags(1) transaction(1) message id(2) TLV length(2) TLVs   flags 0x00 request, 0x01 response, 0x02 indication
/// services: flags(1) transaction(2) message id(2) TLV length(2) TLVs   flags 0x00 request, 0x02 response, 0x04 indication
/// TLV:      type(1) length(2) value(length)
/// </code>
/// All integers little-endian.
/// </summary>
public static class QmiMessageCodec
{
    public const byte ControlService = 0;

    public static QmiMessage Decode(QmuxFrame frame)
    {
        var header = DecodeHeader(frame);
        var body = frame.Sdu.AsSpan(header.Length);
        if (header.TlvLength != body.Length)
        {
            throw new QmiProtocolException($"QMI message 0x{header.MessageId:x4} announces {header.TlvLength} bytes of TLVs but carries {body.Length}");
        }
        return new QmiMessage(frame.Service, frame.ClientId, header.TransactionId, header.MessageId, header.Kind, ReadTlvs(body, header.MessageId));
    }

    /// <summary>The SDU header alone: enough to know which request a malformed answer belongs to.</summary>
    public static (QmiMessageKind Kind, ushort TransactionId, ushort MessageId, int TlvLength, int Length) DecodeHeader(QmuxFrame frame)
    {
        var sdu = frame.Sdu.AsSpan();
        var control = frame.Service == ControlService;
        var headerLength = control ? 6 : 7;
        if (sdu.Length < headerLength)
        {
            throw new QmiProtocolException($"QMI SDU of {sdu.Length} bytes is shorter than its {headerLength}-byte header (service {frame.Service})");
        }
        ushort transaction = control ? sdu[1] : BinaryPrimitives.ReadUInt16LittleEndian(sdu[1..]);
        var offset = control ? 2 : 3;
        var messageId = BinaryPrimitives.ReadUInt16LittleEndian(sdu[offset..]);
        int tlvLength = BinaryPrimitives.ReadUInt16LittleEndian(sdu[(offset + 2)..]);
        return (Kind(sdu[0], control, messageId), transaction, messageId, tlvLength, headerLength);
    }

    public static QmuxFrame Encode(QmiMessage message)
    {
        var control = message.Service == ControlService;
        var tlvLength = message.Tlvs.Sum(t => 3 + t.Value.Length);
        if (control && message.TransactionId > byte.MaxValue)
        {
            throw new QmiProtocolException($"CTL transaction ids are one byte; {message.TransactionId} does not fit");
        }
        var headerLength = control ? 6 : 7;
        var sdu = new byte[headerLength + tlvLength];
        sdu[0] = Flags(message.Kind, control);
        var offset = 1;
        if (control)
        {
            sdu[offset++] = (byte)message.TransactionId;
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(sdu.AsSpan(offset), message.TransactionId);
            offset += 2;
        }
        BinaryPrimitives.WriteUInt16LittleEndian(sdu.AsSpan(offset), message.MessageId);
        BinaryPrimitives.WriteUInt16LittleEndian(sdu.AsSpan(offset + 2), (ushort)tlvLength);
        offset += 4;
        foreach (var tlv in message.Tlvs)
        {
            if (tlv.Value.Length > ushort.MaxValue)
            {
                throw new QmiProtocolException($"TLV 0x{tlv.Type:x2} of {tlv.Value.Length} bytes does not fit a 16-bit length");
            }
            sdu[offset] = tlv.Type;
            BinaryPrimitives.WriteUInt16LittleEndian(sdu.AsSpan(offset + 1), (ushort)tlv.Value.Length);
            tlv.Value.CopyTo(sdu, offset + 3);
            offset += 3 + tlv.Value.Length;
        }
        var fromService = message.Kind != QmiMessageKind.Request;
        return new QmuxFrame(fromService ? QmuxFrame.FromService : (byte)0, message.Service, message.ClientId, sdu);
    }

    private static List<QmiTlv> ReadTlvs(ReadOnlySpan<byte> body, ushort messageId)
    {
        var tlvs = new List<QmiTlv>();
        while (body.Length > 0)
        {
            if (body.Length < 3)
            {
                throw new QmiProtocolException($"QMI message 0x{messageId:x4} ends with {body.Length} stray bytes where a TLV header was expected");
            }
            var type = body[0];
            int length = BinaryPrimitives.ReadUInt16LittleEndian(body[1..]);
            if (length > body.Length - 3)
            {
                throw new QmiProtocolException($"TLV 0x{type:x2} of QMI message 0x{messageId:x4} claims {length} bytes but only {body.Length - 3} remain");
            }
            tlvs.Add(new QmiTlv(type, body.Slice(3, length).ToArray()));
            body = body[(3 + length)..];
        }
        return tlvs;
    }

    private static QmiMessageKind Kind(byte flags, bool control, ushort messageId) => (control, flags) switch
    {
        (true, 0x00) or (false, 0x00) => QmiMessageKind.Request,
        (true, 0x01) or (false, 0x02) => QmiMessageKind.Response,
        (true, 0x02) or (false, 0x04) => QmiMessageKind.Indication,
        _ => throw new QmiProtocolException($"QMI message 0x{messageId:x4} has unknown {(control ? "CTL" : "service")} flags 0x{flags:x2}"),
    };

    private static byte Flags(QmiMessageKind kind, bool control) => kind switch
    {
        QmiMessageKind.Request => 0x00,
        QmiMessageKind.Response => control ? (byte)0x01 : (byte)0x02,
        _ => control ? (byte)0x02 : (byte)0x04,
    };
}
