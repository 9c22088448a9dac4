using System.Buffers.Binary;

namespace WwanDaemon.Mbim.Framing;

/// <summary>
/// Turns transfers into whole messages, collecting the fragments of COMMAND, COMMAND_DONE and
/// INDICATE_STATUS (MBIM 1.0 §9.5). Fragments must arrive in order (libmbim's collector accepts
/// only the next one it expects, mbim-message.c, commit 2f6c6ad). A malformed transfer or a broken
/// sequence throws <see cref="MbimProtocolException"/> with the transaction and the protocol error to
/// report; the broken message is dropped and the reassembler stays usable.
/// Not thread-safe: one reader feeds it.
/// </summary>
public sealed class MbimReassembler
{
    /// <summary>The largest message fragments may add up to.</summary>
    public const int MaxReassembledLength = 1024 * 1024;

    /// <summary>
    /// Messages collected at the same time (distinct transactions). When another one starts, the one
    /// started longest ago is dropped: a peer that never finished it must not block later messages.
    /// </summary>
    public const int MaxMessagesInProgress = 16;

    private long started;

    private readonly Dictionary<(MbimMessageType Type, uint TransactionId), Collection> inProgress = [];

    /// <summary>Messages still missing fragments.</summary>
    public int MessagesInProgress => inProgress.Count;

    /// <summary>Partly collected messages dropped to make room for newer ones.</summary>
    public int EvictedMessages { get; private set; }

    /// <summary>Accepts one transfer.</summary>
    /// <returns>The whole message, or null while fragments of it are still missing.</returns>
    /// <exception cref="MbimProtocolException">The transfer is malformed or out of sequence.</exception>
    public MbimMessage? Accept(ReadOnlySpan<byte> transfer)
    {
        var header = MbimTransferHeader.Read(transfer);
        if (header.Length != transfer.Length)
        {
            throw new MbimProtocolException(
                $"MBIM {header.Type} transaction {header.TransactionId}: MessageLength {header.Length} at offset 4 disagrees with the {transfer.Length}-byte transfer",
                header.TransactionId, MbimProtocolError.LengthMismatch);
        }
        if (!MbimMessageCodec.IsFragmented(header.Type))
        {
            return MbimMessageCodec.Decode(transfer);
        }
        var total = BinaryPrimitives.ReadUInt32LittleEndian(transfer[12..]);
        var current = BinaryPrimitives.ReadUInt32LittleEndian(transfer[16..]);
        var key = (header.Type, header.TransactionId);
        if (total == 0 || current >= total)
        {
            inProgress.Remove(key);
            throw OutOfSequence(header, $"fragment {current} of {total} is impossible (TotalFragments at offset 12 must be above CurrentFragment at offset 16)");
        }
        if (current == 0)
        {
            return Start(transfer, header, total, key);
        }
        if (!inProgress.TryGetValue(key, out var collection))
        {
            throw OutOfSequence(header, $"fragment {current} of {total} arrived without fragment 0");
        }
        if (collection.Total != total || collection.Next != current)
        {
            inProgress.Remove(key);
            throw OutOfSequence(header, $"expected fragment {collection.Next} of {collection.Total}, got {current} of {total}; the message is dropped");
        }
        var payload = transfer[(MbimMessageCodec.HeaderLength + MbimMessageCodec.FragmentHeaderLength)..];
        if (collection.Bytes.Count + payload.Length > MaxReassembledLength)
        {
            inProgress.Remove(key);
            throw new MbimProtocolException(
                $"MBIM {header.Type} transaction {header.TransactionId}: fragments add up to more than {MaxReassembledLength} bytes; the message is dropped",
                header.TransactionId, MbimProtocolError.MaxTransfer);
        }
        collection.Bytes.AddRange(payload);
        collection.Next++;
        if (collection.Next < collection.Total)
        {
            return null;
        }
        inProgress.Remove(key);
        return Complete(collection.Bytes);
    }

    /// <summary>Drops every partly collected message (after a reconnect, or when their requests timed out).</summary>
    public void Reset() => inProgress.Clear();

    private MbimMessage? Start(ReadOnlySpan<byte> transfer, MbimTransferHeader header, uint total, (MbimMessageType, uint) key)
    {
        if (total == 1)
        {
            return MbimMessageCodec.Decode(transfer);
        }
        var restarted = inProgress.Remove(key);
        if (!restarted && inProgress.Count >= MaxMessagesInProgress)
        {
            inProgress.Remove(inProgress.MinBy(entry => entry.Value.Order).Key);
            EvictedMessages++;
        }
        var collection = new Collection(total, started++);
        collection.Bytes.AddRange(transfer);
        inProgress[key] = collection;
        if (restarted)
        {
            // The new fragment 0 is kept, so the rest of the new message still completes.
            throw OutOfSequence(header, "fragment 0 arrived again before the earlier message was complete; the earlier fragments are dropped");
        }
        return null;
    }

    private static MbimMessage Complete(List<byte> bytes)
    {
        var whole = bytes.ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(whole.AsSpan(4), (uint)whole.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(whole.AsSpan(12), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(whole.AsSpan(16), 0);
        return MbimMessageCodec.Decode(whole, MaxReassembledLength);
    }

    private static MbimProtocolException OutOfSequence(MbimTransferHeader header, string what) =>
        new($"MBIM {header.Type} transaction {header.TransactionId}: {what}", header.TransactionId, MbimProtocolError.FragmentOutOfSequence);

    private sealed class Collection(uint total, long order)
    {
        public uint Total { get; } = total;

        /// <summary>When it started, relative to the others.</summary>
        public long Order { get; } = order;

        public uint Next { get; set; } = 1;

        public List<byte> Bytes { get; } = [];
    }
}
