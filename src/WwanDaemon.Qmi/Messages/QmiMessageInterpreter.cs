using System.Buffers.Binary;
using WwanDaemon.Qmi.Declarations;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Qmi.Messages;

/// <summary>Turns TLVs into named values and back, through the declarations: one engine for every message.</summary>
public static class QmiMessageInterpreter
{
    public static QmiDecodedMessage Decode(QmiMessage message, QmiDeclarations declarations)
    {
        var (name, tlvDeclarations) = DeclarationOf(message, declarations);
        var fields = new List<QmiField>();
        var unknown = new List<QmiTlv>();
        QmiResult? result = null;
        foreach (var tlv in message.Tlvs)
        {
            if (message.Kind == QmiMessageKind.Response && tlv.Type == QmiResult.TlvType)
            {
                result = ReadResult(tlv, name);
                continue;
            }
            var declaration = tlvDeclarations?.FirstOrDefault(d => d.TlvType == tlv.Type);
            if (declaration is null)
            {
                unknown.Add(tlv);
                continue;
            }
            try
            {
                fields.Add(new QmiField(declaration.Name, QmiFieldCodec.DecodeTlv(declaration, tlv.Value)));
            }
            catch (QmiProtocolException error)
            {
                throw new QmiProtocolException($"{name}: {error.Message}", error);
            }
        }
        if (message.Kind == QmiMessageKind.Response && result is null)
        {
            throw new QmiProtocolException($"{name} response has no result TLV (0x02)");
        }
        return new QmiDecodedMessage(message, name, fields, unknown, result);
    }

    /// <summary>Builds a message from named TLV values, in declaration order.</summary>
    public static QmiMessage Encode(
        QmiDeclarations declarations, int service, byte clientId, ushort transactionId, ushort messageId, QmiMessageKind kind,
        IReadOnlyList<QmiField> values, QmiResult? result = null)
    {
        var probe = new QmiMessage((byte)service, clientId, transactionId, messageId, kind, []);
        var (name, tlvDeclarations) = DeclarationOf(probe, declarations);
        if (tlvDeclarations is null)
        {
            throw new QmiProtocolException($"{name} is not declared; it cannot be encoded");
        }
        foreach (var value in values.Where(v => tlvDeclarations.All(d => d.Name != v.Name)))
        {
            throw new QmiProtocolException($"{name} {kind} declares no TLV '{value.Name}'");
        }
        var tlvs = new List<QmiTlv>();
        if (kind == QmiMessageKind.Response)
        {
            var resultValue = result ?? QmiResult.Success;
            var bytes = new byte[4];
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)resultValue.Status);
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), (ushort)resultValue.Error);
            tlvs.Add(new QmiTlv(QmiResult.TlvType, bytes));
        }
        foreach (var declaration in tlvDeclarations)
        {
            if (values.FirstOrDefault(v => v.Name == declaration.Name) is { } value)
            {
                tlvs.Add(new QmiTlv(declaration.TlvType, QmiFieldCodec.EncodeTlv(declaration, value.Value)));
            }
            else if (declaration.Mandatory && kind == QmiMessageKind.Request)
            {
                throw new QmiProtocolException($"{name} request needs TLV '{declaration.Name}'");
            }
        }
        return probe with { Tlvs = tlvs };
    }

    private static (string Name, IReadOnlyList<QmiFieldDeclaration>? Tlvs) DeclarationOf(QmiMessage message, QmiDeclarations declarations)
    {
        if (message.Kind == QmiMessageKind.Indication)
        {
            var indication = declarations.Indication(message.Service, message.MessageId);
            return indication is null ? ($"service {message.Service} indication 0x{message.MessageId:x4}", null) : (indication.Name, indication.Tlvs);
        }
        var declaration = declarations.Message(message.Service, message.MessageId);
        if (declaration is null)
        {
            return ($"service {message.Service} message 0x{message.MessageId:x4}", null);
        }
        return (declaration.Name, message.Kind == QmiMessageKind.Request ? declaration.Request : declaration.Response);
    }

    private static QmiResult ReadResult(QmiTlv tlv, string name) => tlv.Value.Length == 4
        ? new QmiResult(BinaryPrimitives.ReadUInt16LittleEndian(tlv.Value), BinaryPrimitives.ReadUInt16LittleEndian(tlv.Value.AsSpan(2)))
        : throw new QmiProtocolException($"{name}: the result TLV is {tlv.Value.Length} bytes, not 4");
}
