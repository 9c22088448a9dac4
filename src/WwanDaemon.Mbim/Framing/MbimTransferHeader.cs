using System.Buffers.Binary;

namespace WwanDaemon.Mbim.Framing;

/// <summary>The 12-byte header every transfer starts with, checked: a known type and a plausible length.</summary>
public readonly record struct MbimTransferHeader(MbimMessageType Type, uint Length, uint TransactionId)
{
    /// <summary>Reads and checks the header at the start of <paramref name="transfer"/>.</summary>
    /// <exception cref="MbimProtocolException">Fewer than 12 bytes, an unknown type, or a length shorter than the type's fixed part or above the cap.</exception>
    public static MbimTransferHeader Read(ReadOnlySpan<byte> transfer, int maxLength = MbimMessageCodec.MaxMessageLength)
    {
        if (transfer.Length < MbimMessageCodec.HeaderLength)
        {
            throw new MbimProtocolException($"an MBIM transfer of {transfer.Length} bytes is shorter than the 12-byte message header");
        }
        var type = BinaryPrimitives.ReadUInt32LittleEndian(transfer);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(transfer[4..]);
        var transactionId = BinaryPrimitives.ReadUInt32LittleEndian(transfer[8..]);
        CheckType(type);
        CheckLength((MbimMessageType)type, length, transactionId, maxLength);
        return new MbimTransferHeader((MbimMessageType)type, length, transactionId);
    }

    /// <exception cref="MbimProtocolException">The type is not one MBIM 1.0 defines.</exception>
    public static void CheckType(uint type)
    {
        if (!MbimMessageCodec.IsKnown(type))
        {
            throw new MbimProtocolException($"MBIM MessageType 0x{type:x8} at offset 0 is not one MBIM 1.0 defines");
        }
    }

    /// <summary>
    /// Bytes a fixed-size message (OPEN, CLOSE, their answers, HOST_ERROR, FUNCTION_ERROR) may carry
    /// beyond its fixed part: some firmware pads OPEN_DONE, but a stray header claiming kilobytes for a
    /// 16-byte message must not make the reader swallow the real transfers behind it.
    /// </summary>
    public const int FixedSizeSlack = 64;

    /// <exception cref="MbimProtocolException">
    /// The length cannot hold the type's fixed part, exceeds a fixed-size type's fixed part by more than
    /// <see cref="FixedSizeSlack"/>, or is above <see cref="MbimMessageCodec.MaxMessageLength"/>.
    /// </exception>
    public static void CheckLength(MbimMessageType type, uint length, uint? transactionId, int maxLength = MbimMessageCodec.MaxMessageLength)
    {
        var minimum = MinimumLength(type);
        if (length < minimum)
        {
            throw new MbimProtocolException($"MBIM {type} MessageLength {length} at offset 4 is shorter than its {minimum}-byte fixed part", transactionId, MbimProtocolError.LengthMismatch);
        }
        if (!MbimMessageCodec.IsFragmented(type) && length > minimum + FixedSizeSlack)
        {
            throw new MbimProtocolException($"MBIM {type} MessageLength {length} at offset 4 is far longer than its {minimum}-byte fixed part", transactionId, MbimProtocolError.LengthMismatch);
        }
        if (length > maxLength)
        {
            throw new MbimProtocolException($"MBIM {type} MessageLength {length} at offset 4 is above the {maxLength}-byte limit", transactionId, MbimProtocolError.MaxTransfer);
        }
    }

    /// <summary>The bytes every transfer of this type holds at least: the whole message for the fixed-size types, the headers for fragments.</summary>
    public static int MinimumLength(MbimMessageType type) => type switch
    {
        MbimMessageType.Close => MbimMessageCodec.HeaderLength,
        MbimMessageType.Command or MbimMessageType.CommandDone or MbimMessageType.IndicateStatus => MbimMessageCodec.HeaderLength + MbimMessageCodec.FragmentHeaderLength,
        _ => MbimMessageCodec.HeaderLength + 4,
    };
}
