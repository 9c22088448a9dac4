using System.Buffers;
using WwanDaemon.Mbim.Framing;

namespace WwanDaemon.Mbim.Tests;

/// <summary>Test helpers that push bytes through the reader and the reassembler like the client's read loop does.</summary>
internal static class Transfers
{
    public static readonly Guid BasicConnect = new("a289cc33-bcbb-8b4f-b6b0-133ec2aae6df");

    /// <summary>Cuts every transfer out of <paramref name="stream"/>; all bytes must be used.</summary>
    public static List<byte[]> Cut(byte[] stream)
    {
        var buffer = new ReadOnlySequence<byte>(stream);
        var transfers = new List<byte[]>();
        while (MbimTransferReader.TryRead(ref buffer, out var transfer))
        {
            transfers.Add(transfer);
        }
        Assert.Equal(0, buffer.Length);
        return transfers;
    }

    /// <summary>Reassembles transfers into messages (nulls for incomplete fragments dropped).</summary>
    public static List<MbimMessage> Reassemble(IEnumerable<byte[]> transfers)
    {
        var reassembler = new MbimReassembler();
        return transfers.Select(t => reassembler.Accept(t)).OfType<MbimMessage>().ToList();
    }

    public static byte[] Concat(IEnumerable<byte[]> parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] Pattern(int length) => Enumerable.Range(0, length).Select(i => (byte)(i * 7 + 3)).ToArray();
}
