using System.Buffers;
using System.Buffers.Binary;

namespace WwanDaemon.Qmi.Framing;

/// <summary>
/// Cuts QMUX frames out of a byte stream. A cdc-wdm read returns one message, but a pty, a proxy or
/// a QMI-over-MBIM buffer may split or coalesce them, so reading is resumable: <see cref="TryRead"/>
/// consumes a frame only when all of it has arrived.
/// </summary>
public static class QmuxFramer
{
    /// <summary>Reads one frame from the start of <paramref name="buffer"/>, advancing it past the frame.</summary>
    /// <returns>False when more bytes are needed (nothing consumed).</returns>
    /// <exception cref="QmiProtocolException">The bytes are not a QMUX frame (wrong interface type, impossible length).</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out QmuxFrame frame)
    {
        frame = null!;
        if (buffer.IsEmpty)
        {
            return false;
        }
        // Check what has arrived of the header before waiting for a body: three stray bytes such as
        // 01 ff ff must not make the reader wait for 64 KiB while real frames go by.
        Span<byte> header = stackalloc byte[QmuxFrame.HeaderLength + 7];
        var available = (int)Math.Min(buffer.Length, header.Length);
        buffer.Slice(0, available).CopyTo(header);
        if (header[0] != QmuxFrame.InterfaceType)
        {
            throw new QmiProtocolException($"expected the QMUX interface type 0x01 at the start of a frame, found 0x{header[0]:x2}");
        }
        if (available < 3)
        {
            return false;
        }
        int length = BinaryPrimitives.ReadUInt16LittleEndian(header[1..]);
        if (length < QmuxFrame.HeaderLength - 1)
        {
            throw new QmiProtocolException($"QMUX length {length} is shorter than the {QmuxFrame.HeaderLength - 1}-byte header it must cover");
        }
        if (available > 3 && header[3] is not (0x00 or QmuxFrame.FromService))
        {
            throw new QmiProtocolException($"QMUX control flags 0x{header[3]:x2} are neither 0x00 (host) nor 0x80 (modem)");
        }
        CheckSduHeader(header[..available], length);
        if (buffer.Length < length + 1)
        {
            return false;
        }
        var sdu = buffer.Slice(QmuxFrame.HeaderLength, length + 1 - QmuxFrame.HeaderLength).ToArray();
        frame = new QmuxFrame(header[3], header[4], header[5], sdu);
        buffer = buffer.Slice(length + 1);
        return true;
    }

    /// <summary>Once the SDU header is in, its TLV length must account for the rest of the QMUX length.</summary>
    private static void CheckSduHeader(ReadOnlySpan<byte> header, int length)
    {
        if (header.Length < 5)
        {
            return;
        }
        var sduHeader = header[4] == 0 ? 6 : 7;
        var tlvLengthAt = QmuxFrame.HeaderLength + sduHeader - 2;
        if (length - (QmuxFrame.HeaderLength - 1) < sduHeader || header.Length < tlvLengthAt + 2)
        {
            return; // too short for an SDU header: the message codec says so
        }
        int tlvLength = BinaryPrimitives.ReadUInt16LittleEndian(header[tlvLengthAt..]);
        if (tlvLength != length - (QmuxFrame.HeaderLength - 1) - sduHeader)
        {
            throw new QmiProtocolException($"QMUX length {length} and the QMI message's TLV length {tlvLength} disagree");
        }
    }

    /// <summary>Reads exactly one frame from a complete buffer (a cdc-wdm read).</summary>
    /// <exception cref="QmiProtocolException">Malformed, truncated, or followed by extra bytes.</exception>
    public static QmuxFrame ReadSingle(ReadOnlyMemory<byte> bytes)
    {
        var sequence = new ReadOnlySequence<byte>(bytes);
        if (!TryRead(ref sequence, out var frame))
        {
            throw new QmiProtocolException($"truncated QMUX frame: {bytes.Length} bytes do not hold the frame their length field announces");
        }
        if (sequence.Length != 0)
        {
            throw new QmiProtocolException($"{sequence.Length} bytes follow the QMUX frame");
        }
        return frame;
    }

    public static byte[] Write(QmuxFrame frame)
    {
        var length = QmuxFrame.HeaderLength - 1 + frame.Sdu.Length;
        if (length > ushort.MaxValue)
        {
            throw new QmiProtocolException($"an SDU of {frame.Sdu.Length} bytes does not fit a QMUX frame");
        }
        var bytes = new byte[length + 1];
        bytes[0] = QmuxFrame.InterfaceType;
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(1), (ushort)length);
        bytes[3] = frame.ControlFlags;
        bytes[4] = frame.Service;
        bytes[5] = frame.ClientId;
        frame.Sdu.CopyTo(bytes, QmuxFrame.HeaderLength);
        return bytes;
    }
}
