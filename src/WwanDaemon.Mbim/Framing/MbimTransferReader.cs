using System.Buffers;
using System.Buffers.Binary;

namespace WwanDaemon.Mbim.Framing;

/// <summary>
/// Cuts MBIM transfers out of a byte stream. cdc-wdm hands over one transfer per read, but a pty or
/// a proxy has no message boundaries, so the reader works on MessageLength alone and resumes on
/// partial input: a transfer is consumed only when all of it has arrived.
/// </summary>
public static class MbimTransferReader
{
    /// <summary>Reads one transfer from the start of <paramref name="buffer"/>, advancing it past the transfer.</summary>
    /// <returns>False when more bytes are needed (nothing consumed).</returns>
    /// <exception cref="MbimProtocolException">
    /// The bytes cannot start a transfer (unknown type, length below the type's fixed part or above
    /// <see cref="MbimMessageCodec.MaxMessageLength"/>); the caller skips one byte and tries again.
    /// </exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out byte[] transfer)
    {
        transfer = [];
        // Check what has arrived of the header before waiting for a body: garbage must not make the
        // reader wait for bytes that will never come while real transfers go by.
        Span<byte> header = stackalloc byte[8];
        var available = (int)Math.Min(buffer.Length, header.Length);
        buffer.Slice(0, available).CopyTo(header);
        if (available < 4)
        {
            return false;
        }
        var type = BinaryPrimitives.ReadUInt32LittleEndian(header);
        MbimTransferHeader.CheckType(type);
        if (available < 8)
        {
            return false;
        }
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        MbimTransferHeader.CheckLength((MbimMessageType)type, length, transactionId: null);
        if (buffer.Length < length)
        {
            return false;
        }
        transfer = buffer.Slice(0, length).ToArray();
        buffer = buffer.Slice(length);
        return true;
    }
}
