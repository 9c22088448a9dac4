using System.Buffers;
using System.Buffers.Binary;
using WwanDaemon.Mbim.Framing;

namespace WwanDaemon.Mbim.Tests;

public class MbimMalformedInputTests
{
    private static byte[] Fragment(uint type, uint tid, uint total, uint current, byte[] payload)
    {
        var bytes = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, type);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)bytes.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), tid);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), total);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), current);
        payload.CopyTo(bytes, 20);
        return bytes;
    }

    private static IReadOnlyList<byte[]> ThreeFragments(uint tid = 7) =>
        MbimMessageCodec.Encode(new MbimCommandDone(tid, Transfers.BasicConnect, 1, 0, Transfers.Pattern(100)), 64);

    [Fact]
    public void Reassembler_TruncatedHeader_Throws()
    {
        var error = Assert.Throws<MbimProtocolException>(() => new MbimReassembler().Accept(AnnotatedHex.Parse("03 00 00 00 30 00 00")));
        Assert.Contains("12-byte message header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransferReader_TruncatedHeader_WaitsForMore()
    {
        var buffer = new ReadOnlySequence<byte>(AnnotatedHex.Parse("03 00 00 00 30 00 00"));
        Assert.False(MbimTransferReader.TryRead(ref buffer, out _));
        Assert.Equal(7, buffer.Length);
    }

    [Fact]
    public void TransferReader_OversizedLength_ThrowsWithoutWaiting()
    {
        var buffer = new ReadOnlySequence<byte>(AnnotatedHex.Parse("03 00 00 80  00 00 10 00  01 00 00 00"));
        var error = Assert.Throws<MbimProtocolException>(() => MbimTransferReader.TryRead(ref buffer, out _));
        Assert.Contains("1048576", error.Message, StringComparison.Ordinal);
        Assert.Equal(MbimProtocolError.MaxTransfer, error.Error);
    }

    [Theory]
    [InlineData("05 00 00 00  10 00 00 00")]
    [InlineData("03 00 00 81")]
    [InlineData("00 00 00 00  0c 00 00 00")]
    public void TransferReader_UnknownType_Throws(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(AnnotatedHex.Parse(hex));
        var error = Assert.Throws<MbimProtocolException>(() => MbimTransferReader.TryRead(ref buffer, out _));
        Assert.Contains("MessageType", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01 00 00 00  0b 00 00 00")] // OPEN shorter than the header
    [InlineData("01 00 00 00  0c 00 00 00")] // OPEN without MaxControlTransfer
    [InlineData("03 00 00 00  13 00 00 00")] // COMMAND without a whole fragment header
    public void TransferReader_LengthBelowFixedPart_Throws(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(AnnotatedHex.Parse(hex));
        var error = Assert.Throws<MbimProtocolException>(() => MbimTransferReader.TryRead(ref buffer, out _));
        Assert.Contains("fixed part", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TransferReader_StrayFixedSizeHeaderClaimingKilobytes_IsRefusedSoTheRealTransferBehindItIsRead()
    {
        var open = MbimMessageCodec.EncodeWhole(new MbimOpen(7, 4096));
        // "OPEN_DONE, 65520 bytes": a 16-byte message cannot be that long; waiting for it would swallow the OPEN.
        var buffer = new ReadOnlySequence<byte>([.. AnnotatedHex.Parse("01 00 00 80  f0 ff 00 00"), .. open]);

        var error = Assert.Throws<MbimProtocolException>(() => MbimTransferReader.TryRead(ref buffer, out _));
        Assert.Equal(MbimProtocolError.LengthMismatch, error.Error);
        Assert.Contains("far longer", error.Message, StringComparison.Ordinal);

        // Resynchronise as the readers do: skip a byte after each refusal, until a transfer is read.
        var skipped = 0;
        byte[] transfer;
        while (true)
        {
            try
            {
                Assert.True(MbimTransferReader.TryRead(ref buffer, out transfer), "the OPEN behind the stray header is whole");
                break;
            }
            catch (MbimProtocolException)
            {
                buffer = buffer.Slice(1);
                skipped++;
            }
        }
        Assert.Equal(8, skipped);
        Assert.Equal(open, transfer);
    }

    [Fact]
    public void TransferReader_OpenDoneWithAFewTrailingBytes_IsStillAccepted()
    {
        var buffer = new ReadOnlySequence<byte>(AnnotatedHex.Parse("01 00 00 80  14 00 00 00  01 00 00 00  00 00 00 00  00 00 00 00"));

        Assert.True(MbimTransferReader.TryRead(ref buffer, out var transfer));
        Assert.Equal(20, transfer.Length);
    }

    [Fact]
    public void TransferReader_GarbageBeforeTransfer_ResynchronisesBySkippingBytes()
    {
        var open = MbimMessageCodec.EncodeWhole(new MbimOpen(1, 4096));
        var buffer = new ReadOnlySequence<byte>([0xff, 0x00, 0x13, .. open]);
        var skipped = 0;
        byte[] transfer;
        while (true)
        {
            try
            {
                if (MbimTransferReader.TryRead(ref buffer, out transfer))
                {
                    break;
                }
                Assert.Fail("a whole transfer is in the buffer");
            }
            catch (MbimProtocolException)
            {
                buffer = buffer.Slice(1);
                skipped++;
            }
        }
        Assert.Equal(3, skipped);
        Assert.Equal(open, transfer);
    }

    [Fact]
    public void Reassembler_MessageLengthDisagreesWithTransfer_LengthMismatch()
    {
        var bytes = MbimMessageCodec.EncodeWhole(new MbimOpen(3, 4096));
        var error = Assert.Throws<MbimProtocolException>(() => new MbimReassembler().Accept([.. bytes, 0]));
        Assert.Equal(MbimProtocolError.LengthMismatch, error.Error);
        Assert.Equal(3u, error.TransactionId);
    }

    [Fact]
    public void Reassembler_InformationBufferLengthDisagrees_LengthMismatch()
    {
        var bytes = MbimMessageCodec.EncodeWhole(new MbimCommand(4, Transfers.BasicConnect, 1, MbimCommandType.Query, [1, 2, 3, 4]));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(44), 8);
        var error = Assert.Throws<MbimProtocolException>(() => new MbimReassembler().Accept(bytes));
        Assert.Equal(MbimProtocolError.LengthMismatch, error.Error);
        Assert.Contains("InformationBufferLength 8 at offset 44", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(2u, 2u)]
    [InlineData(3u, 7u)]
    public void Reassembler_ImpossibleFragmentCounts_FragmentOutOfSequence(uint total, uint current)
    {
        var error = Assert.Throws<MbimProtocolException>(() => new MbimReassembler().Accept(Fragment(0x80000003, 11, total, current, new byte[28])));
        Assert.Equal(MbimProtocolError.FragmentOutOfSequence, error.Error);
        Assert.Equal(11u, error.TransactionId);
    }

    [Fact]
    public void Reassembler_FragmentsOutOfOrder_DropsMessageAndStaysUsable()
    {
        var fragments = ThreeFragments();
        var reassembler = new MbimReassembler();

        Assert.Null(reassembler.Accept(fragments[0]));
        var error = Assert.Throws<MbimProtocolException>(() => reassembler.Accept(fragments[2]));
        Assert.Equal(MbimProtocolError.FragmentOutOfSequence, error.Error);
        Assert.Equal(7u, error.TransactionId);
        Assert.Equal(0, reassembler.MessagesInProgress);
        // The dropped message's late fragment is reported too, then a whole message goes through.
        Assert.Throws<MbimProtocolException>(() => reassembler.Accept(fragments[1]));
        Assert.Null(reassembler.Accept(fragments[0]));
        Assert.Null(reassembler.Accept(fragments[1]));
        Assert.IsType<MbimCommandDone>(reassembler.Accept(fragments[2]));
    }

    [Fact]
    public void Reassembler_FragmentWithoutFirst_FragmentOutOfSequence()
    {
        var error = Assert.Throws<MbimProtocolException>(() => new MbimReassembler().Accept(ThreeFragments()[1]));
        Assert.Equal(MbimProtocolError.FragmentOutOfSequence, error.Error);
    }

    [Fact]
    public void Reassembler_TotalChangesMidway_FragmentOutOfSequence()
    {
        var fragments = ThreeFragments();
        var reassembler = new MbimReassembler();
        reassembler.Accept(fragments[0]);
        BinaryPrimitives.WriteUInt32LittleEndian(fragments[1].AsSpan(12), 4);
        Assert.Throws<MbimProtocolException>(() => reassembler.Accept(fragments[1]));
    }

    [Fact]
    public void Reassembler_FirstFragmentAgain_ReportsAndKeepsTheNewMessage()
    {
        var fragments = ThreeFragments();
        var reassembler = new MbimReassembler();
        reassembler.Accept(fragments[0]);

        Assert.Throws<MbimProtocolException>(() => reassembler.Accept(fragments[0]));

        Assert.Null(reassembler.Accept(fragments[1]));
        Assert.NotNull(reassembler.Accept(fragments[2]));
    }

    [Fact]
    public void Reassembler_InterleavedTransactions_BothComplete()
    {
        var a = ThreeFragments(1);
        var b = ThreeFragments(2);
        var reassembler = new MbimReassembler();
        var messages = new[] { a[0], b[0], a[1], b[1], b[2], a[2] }.Select(t => reassembler.Accept(t)).OfType<MbimMessage>().ToList();
        Assert.Equal([2u, 1u], messages.Select(m => m.TransactionId));
    }

    [Fact]
    public void Reassembler_TooManyMessagesInProgress_EvictsTheOldest()
    {
        var reassembler = new MbimReassembler();
        for (uint tid = 1; tid <= MbimReassembler.MaxMessagesInProgress; tid++)
        {
            Assert.Null(reassembler.Accept(ThreeFragments(tid)[0]));
        }

        Assert.Null(reassembler.Accept(ThreeFragments(99)[0]));

        Assert.Equal(1, reassembler.EvictedMessages);
        Assert.Equal(MbimReassembler.MaxMessagesInProgress, reassembler.MessagesInProgress);
        Assert.Throws<MbimProtocolException>(() => reassembler.Accept(ThreeFragments(1)[1])); // the oldest is gone
        Assert.Null(reassembler.Accept(ThreeFragments(99)[1]));
        Assert.NotNull(reassembler.Accept(ThreeFragments(99)[2]));
        reassembler.Reset();
        Assert.Equal(0, reassembler.MessagesInProgress);
    }

    [Fact]
    public void Reassembler_FirstFragmentShorterThanFixedPart_ThrowsOnCompletion()
    {
        var reassembler = new MbimReassembler();
        Assert.Null(reassembler.Accept(Fragment(0x80000007, 0, 2, 0, new byte[4])));
        var error = Assert.Throws<MbimProtocolException>(() => reassembler.Accept(Fragment(0x80000007, 0, 2, 1, new byte[4])));
        Assert.Equal(MbimProtocolError.LengthMismatch, error.Error);
    }

    [Fact]
    public void Decode_FragmentOfLongerMessage_Throws()
    {
        var error = Assert.Throws<MbimProtocolException>(() => MbimMessageCodec.Decode(ThreeFragments()[0]));
        Assert.Contains("reassemble", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_Names_ComeFromTheTable()
    {
        Assert.Equal("PinRequired", MbimStatus.Name(MbimStatus.PinRequired));
        Assert.Equal("Success", MbimStatus.Name(0));
        Assert.Equal("RadioPowerOff", MbimStatus.Name(20));
        Assert.Equal("MsNoLogicalChannels", MbimStatus.Name(0x87430001));
        Assert.Equal("0x12345678", MbimStatus.Name(0x12345678));
    }
}
