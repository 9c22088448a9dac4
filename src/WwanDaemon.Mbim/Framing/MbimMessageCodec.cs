using System.Buffers.Binary;

namespace WwanDaemon.Mbim.Framing;

/// <summary>
/// Writes MBIM messages as transfers and reads whole (single-fragment) messages back.
/// COMMAND, COMMAND_DONE and INDICATE_STATUS carry a fragment header after the message header
/// (MBIM 1.0 §9.2, §9.5):
/// <code>
///  0        12              16               20
/// +--------+---------------+-----------------+----------------------------------------+
/// | header | TotalFragments| CurrentFragment | payload: DeviceServiceId (16, as text  |
/// |        |               |                 | order), CID, [CommandType|Status],     |
/// |        |               |                 | InformationBufferLength, buffer        |
/// +--------+---------------+-----------------+----------------------------------------+
/// </code>
/// A message longer than MaxControlTransfer is cut into fragments; each repeats the message header
/// (with its own MessageLength) and the fragment header, and carries the next run of payload bytes:
/// fragment 0 starts with the service id, the others continue where it stopped (libmbim
/// mbim-message.c _mbim_message_split_fragments, commit 2f6c6ad, cuts the same way).
/// </summary>
public static class MbimMessageCodec
{
    /// <summary>MessageType, MessageLength, TransactionId.</summary>
    public const int HeaderLength = 12;

    /// <summary>TotalFragments, CurrentFragment.</summary>
    public const int FragmentHeaderLength = 8;

    /// <summary>The largest MessageLength one transfer may announce; larger is treated as garbage, not buffered.</summary>
    public const int MaxMessageLength = 64 * 1024;

    /// <summary>The smallest MaxControlTransfer MBIM allows (MBIM 1.0 §6.4, wMaxControlMessage).</summary>
    public const int MinControlTransfer = 64;

    /// <summary>Bytes before the information buffer of a COMMAND or COMMAND_DONE.</summary>
    public const int CommandHeaderLength = HeaderLength + FragmentHeaderLength + 16 + 4 + 4 + 4;

    /// <summary>Bytes before the information buffer of an INDICATE_STATUS.</summary>
    public const int IndicateStatusHeaderLength = HeaderLength + FragmentHeaderLength + 16 + 4 + 4;

    /// <summary>Whether messages of this type carry a fragment header.</summary>
    public static bool IsFragmented(MbimMessageType type) =>
        type is MbimMessageType.Command or MbimMessageType.CommandDone or MbimMessageType.IndicateStatus;

    /// <summary>Whether a MessageType value is one MBIM 1.0 defines.</summary>
    public static bool IsKnown(uint type) => Enum.IsDefined((MbimMessageType)type);

    /// <summary>Encodes a message as one transfer, or as several fragments when it is longer than <paramref name="maxControlTransfer"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxControlTransfer"/> is below the MBIM minimum of 64.</exception>
    public static IReadOnlyList<byte[]> Encode(MbimMessage message, int maxControlTransfer = 4096)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxControlTransfer, MinControlTransfer);
        var whole = EncodeWhole(message);
        if (whole.Length <= maxControlTransfer || !IsFragmented(message.Type))
        {
            return [whole];
        }
        const int fragmentHeaders = HeaderLength + FragmentHeaderLength;
        var payload = whole.AsSpan(fragmentHeaders);
        var perFragment = maxControlTransfer - fragmentHeaders;
        var total = (payload.Length + perFragment - 1) / perFragment;
        var fragments = new byte[total][];
        for (var i = 0; i < total; i++)
        {
            var chunk = payload.Slice(i * perFragment, Math.Min(perFragment, payload.Length - (i * perFragment)));
            var fragment = new byte[fragmentHeaders + chunk.Length];
            WriteHeader(fragment, message.Type, message.TransactionId);
            BinaryPrimitives.WriteUInt32LittleEndian(fragment.AsSpan(12), (uint)total);
            BinaryPrimitives.WriteUInt32LittleEndian(fragment.AsSpan(16), (uint)i);
            chunk.CopyTo(fragment.AsSpan(fragmentHeaders));
            fragments[i] = fragment;
        }
        return fragments;
    }

    /// <summary>Encodes a message as one unfragmented transfer, whatever its length.</summary>
    public static byte[] EncodeWhole(MbimMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        byte[] bytes;
        switch (message)
        {
            case MbimOpen open:
                bytes = new byte[HeaderLength + 4];
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(HeaderLength), open.MaxControlTransfer);
                break;
            case MbimClose:
                bytes = new byte[HeaderLength];
                break;
            case MbimOpenDone done:
                bytes = WithWord(done.Status);
                break;
            case MbimCloseDone done:
                bytes = WithWord(done.Status);
                break;
            case MbimHostError error:
                bytes = WithWord((uint)error.Error);
                break;
            case MbimFunctionError error:
                bytes = WithWord((uint)error.Error);
                break;
            case MbimCommand command:
                bytes = WithServiceHeader(CommandHeaderLength, command.Service, command.Cid, command.InformationBuffer);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), (uint)command.CommandType);
                break;
            case MbimCommandDone done:
                bytes = WithServiceHeader(CommandHeaderLength, done.Service, done.Cid, done.InformationBuffer);
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), done.Status);
                break;
            case MbimIndicateStatus indication:
                bytes = WithServiceHeader(IndicateStatusHeaderLength, indication.Service, indication.Cid, indication.InformationBuffer);
                break;
            default:
                throw new ArgumentException($"cannot encode {message.GetType().Name}", nameof(message));
        }
        WriteHeader(bytes, message.Type, message.TransactionId);
        return bytes;
    }

    /// <summary>Decodes one whole message: a transfer that is not a fragment of a larger message.</summary>
    /// <exception cref="MbimProtocolException">Malformed, truncated, or a fragment of a longer message.</exception>
    public static MbimMessage Decode(ReadOnlySpan<byte> transfer) => Decode(transfer, MaxMessageLength);

    /// <summary>Decodes a whole message that may be longer than one transfer (reassembled from fragments).</summary>
    internal static MbimMessage Decode(ReadOnlySpan<byte> transfer, int maxLength)
    {
        var header = MbimTransferHeader.Read(transfer, maxLength);
        if (header.Length != transfer.Length)
        {
            throw new MbimProtocolException(
                $"MBIM {header.Type} transaction {header.TransactionId}: MessageLength {header.Length} at offset 4 disagrees with the {transfer.Length} bytes received",
                header.TransactionId, MbimProtocolError.LengthMismatch);
        }
        switch (header.Type)
        {
            case MbimMessageType.Open:
                return new MbimOpen(header.TransactionId, Word(transfer, header, HeaderLength + 4));
            case MbimMessageType.Close:
                Expect(transfer, header, HeaderLength);
                return new MbimClose(header.TransactionId);
            case MbimMessageType.OpenDone:
                return new MbimOpenDone(header.TransactionId, Word(transfer, header, HeaderLength + 4));
            case MbimMessageType.CloseDone:
                return new MbimCloseDone(header.TransactionId, Word(transfer, header, HeaderLength + 4));
            case MbimMessageType.HostError:
                return new MbimHostError(header.TransactionId, (MbimProtocolError)Word(transfer, header, HeaderLength + 4));
            case MbimMessageType.FunctionError:
                return new MbimFunctionError(header.TransactionId, (MbimProtocolError)Word(transfer, header, HeaderLength + 4));
            default:
                return DecodeServiceMessage(transfer, header);
        }
    }

    private static MbimMessage DecodeServiceMessage(ReadOnlySpan<byte> transfer, MbimTransferHeader header)
    {
        var fixedLength = header.Type == MbimMessageType.IndicateStatus ? IndicateStatusHeaderLength : CommandHeaderLength;
        if (transfer.Length < fixedLength)
        {
            throw new MbimProtocolException(
                $"MBIM {header.Type} transaction {header.TransactionId}: {transfer.Length} bytes cannot hold the {fixedLength}-byte fixed part",
                header.TransactionId, MbimProtocolError.LengthMismatch);
        }
        var total = BinaryPrimitives.ReadUInt32LittleEndian(transfer[12..]);
        var current = BinaryPrimitives.ReadUInt32LittleEndian(transfer[16..]);
        if (total != 1 || current != 0)
        {
            throw new MbimProtocolException(
                $"MBIM {header.Type} transaction {header.TransactionId}: fragment {current} of {total} is not a whole message; reassemble it first",
                header.TransactionId, MbimProtocolError.FragmentOutOfSequence);
        }
        var service = new Guid(transfer.Slice(20, 16), bigEndian: true);
        var cid = BinaryPrimitives.ReadUInt32LittleEndian(transfer[36..]);
        var bufferLength = BinaryPrimitives.ReadUInt32LittleEndian(transfer[(fixedLength - 4)..]);
        if (bufferLength != transfer.Length - fixedLength)
        {
            throw new MbimProtocolException(
                $"MBIM {header.Type} transaction {header.TransactionId}: InformationBufferLength {bufferLength} at offset {fixedLength - 4} disagrees with the {transfer.Length - fixedLength} bytes after it",
                header.TransactionId, MbimProtocolError.LengthMismatch);
        }
        var buffer = transfer[fixedLength..].ToArray();
        return header.Type switch
        {
            MbimMessageType.Command => new MbimCommand(header.TransactionId, service, cid, (MbimCommandType)BinaryPrimitives.ReadUInt32LittleEndian(transfer[40..]), buffer),
            MbimMessageType.CommandDone => new MbimCommandDone(header.TransactionId, service, cid, BinaryPrimitives.ReadUInt32LittleEndian(transfer[40..]), buffer),
            _ => new MbimIndicateStatus(header.TransactionId, service, cid, buffer),
        };
    }

    private static uint Word(ReadOnlySpan<byte> transfer, MbimTransferHeader header, int length)
    {
        Expect(transfer, header, length);
        return BinaryPrimitives.ReadUInt32LittleEndian(transfer[HeaderLength..]);
    }

    private static void Expect(ReadOnlySpan<byte> transfer, MbimTransferHeader header, int length)
    {
        if (transfer.Length != length)
        {
            throw new MbimProtocolException(
                $"MBIM {header.Type} transaction {header.TransactionId} must be {length} bytes long, is {transfer.Length}",
                header.TransactionId, MbimProtocolError.LengthMismatch);
        }
    }

    private static byte[] WithWord(uint value)
    {
        var bytes = new byte[HeaderLength + 4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(HeaderLength), value);
        return bytes;
    }

    private static byte[] WithServiceHeader(int fixedLength, Guid service, uint cid, byte[] informationBuffer)
    {
        var bytes = new byte[fixedLength + informationBuffer.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), 1); // TotalFragments
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 0); // CurrentFragment
        service.TryWriteBytes(bytes.AsSpan(20, 16), bigEndian: true, out _);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(36), cid);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(fixedLength - 4), (uint)informationBuffer.Length);
        informationBuffer.CopyTo(bytes, fixedLength);
        return bytes;
    }

    private static void WriteHeader(Span<byte> bytes, MbimMessageType type, uint transactionId)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)type);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[4..], (uint)bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes[8..], transactionId);
    }
}
