using System.Buffers;
using WwanDaemon.Qmi.Framing;
using WwanDaemon.Qmi.Messages;

namespace WwanDaemon.Qmi.Tests;

public class QmuxFramingTests
{
    // Seed 003: qmicli's CTL Allocate CID request for DMS, as it logged the raw bytes
    // ("01:0F:00:00:00:00:00:01:22:00:04:00:01:01:00:02").
    private static readonly byte[] Seed003AllocateCid = AnnotatedHex.Parse("""
        01          // QMUX interface type
        0f 00       // length 15: every byte after the interface type
        00          // control flags: from the host
        00          // service: CTL
        00          // client id 0 (CTL)
        00          // SDU flags: request
        01          // transaction 1 (CTL transaction ids are one byte)
        22 00       // message 0x0022 Allocate CID
        04 00       // 4 bytes of TLVs
        01 01 00 02 // TLV 0x01 "Service", 1 byte: 0x02 = DMS
        """);

    [Fact]
    public void Seed003AllocateCid_DecodesEveryField_AndEncodesBackByteForByte()
    {
        var frame = QmuxFramer.ReadSingle(Seed003AllocateCid);
        var message = QmiMessageCodec.Decode(frame);

        Assert.Equal((0, 0, false), (frame.Service, frame.ClientId, frame.IsFromService));
        Assert.Equal(new QmiMessage(0, 0, 1, 0x0022, QmiMessageKind.Request, [new QmiTlv(0x01, [0x02])]), message);
        Assert.Equal(Seed003AllocateCid, QmuxFramer.Write(QmiMessageCodec.Encode(message)));
    }

    [Fact]
    public void ServiceMessage_UsesTwoByteTransactionAndServiceFlags()
    {
        var bytes = AnnotatedHex.Parse("""
            01 13 00    // interface type, length 19
            80 02 01    // from the modem, service DMS, client 1
            02          // SDU flags: response
            34 12       // transaction 0x1234
            25 00       // message 0x0025 Get IDs
            07 00       // 7 bytes of TLVs
            02 04 00 00 00 00 00   // result: success, no error
            """);

        var message = QmiMessageCodec.Decode(QmuxFramer.ReadSingle(bytes));

        Assert.Equal((2, 1, 0x1234, QmiMessageKind.Response), ((int)message.Service, (int)message.ClientId, (int)message.TransactionId, message.Kind));
        Assert.Equal(bytes, QmuxFramer.Write(QmiMessageCodec.Encode(message)));
    }

    [Fact]
    public void Stream_SplitAndCoalescedFrames_AreReassembled()
    {
        var stream = Seed003AllocateCid.Concat(Seed003AllocateCid).Concat(Seed003AllocateCid[..5]).ToArray();
        var frames = new List<QmuxFrame>();
        var pending = Array.Empty<byte>();
        // Feed the bytes in 3-byte pieces, as a pty may deliver them.
        foreach (var piece in stream.Chunk(3))
        {
            pending = [.. pending, .. piece];
            var sequence = new ReadOnlySequence<byte>(pending);
            while (QmuxFramer.TryRead(ref sequence, out var frame))
            {
                frames.Add(frame);
            }
            pending = sequence.ToArray();
        }

        Assert.Equal(2, frames.Count);
        Assert.Equal(5, pending.Length); // the third frame's start waits for the rest
    }

    [Theory]
    [InlineData("02 0f 00 00 00 00", "interface type 0x01")]
    [InlineData("01 03 00 00 00 00", "shorter than the 5-byte header")]
    [InlineData("01 0f 00 00 00 00 00 01 22 00", "truncated QMUX frame")]
    [InlineData("01 0f 00 00 00 00 00 01 22 00 04 00 01 01 00 02 ff", "follow the QMUX frame")]
    [InlineData("01 0f 00 40 00 00 00 01 22 00 04 00 01 01 00 02", "control flags 0x40")]
    public void MalformedFrame_FailsWithOneExceptionType(string hex, string message)
    {
        var error = Assert.Throws<QmiProtocolException>(() => QmuxFramer.ReadSingle(AnnotatedHex.Parse(hex)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("01 09 00 00 00 00 00 01 22 00", "shorter than its 6-byte header")]
    [InlineData("01 0f 00 00 00 00 00 01 22 00 09 00 01 01 00 02", "QMUX length 15 and the QMI message's TLV length 9 disagree")]
    [InlineData("01 0f 00 00 00 00 00 01 22 00 04 00 01 05 00 02", "claims 5 bytes but only 1 remain")]
    [InlineData("01 0d 00 00 00 00 00 01 22 00 02 00 01 01", "2 stray bytes")]
    [InlineData("01 0b 00 00 00 00 07 01 22 00 00 00", "unknown CTL flags 0x07")]
    public void MalformedSdu_FailsWithOneExceptionType(string hex, string message)
    {
        var error = Assert.Throws<QmiProtocolException>(() => QmiMessageCodec.Decode(QmuxFramer.ReadSingle(AnnotatedHex.Parse(hex))));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StrayBytesLookingLikeAHugeFrame_AreRejectedOnceTheHeaderDisagrees()
    {
        // 01 ff ff 00 00 00 ... would announce 64 KiB; the SDU header that follows cannot match it.
        var stray = AnnotatedHex.Parse("01 ff ff 00 00 00 00 01 22 00 04 00");
        var sequence = new ReadOnlySequence<byte>(stray);

        var error = Assert.Throws<QmiProtocolException>(() => QmuxFramer.TryRead(ref sequence, out _));

        Assert.Contains("disagree", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SequenceStartingWithAnEmptySegment_IsRead()
    {
        var first = new Segment(Array.Empty<byte>());
        var last = first.Append(Seed003AllocateCid);
        var sequence = new ReadOnlySequence<byte>(first, 0, last, Seed003AllocateCid.Length);

        Assert.True(QmuxFramer.TryRead(ref sequence, out var frame));
        Assert.Equal(0, frame.Service);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes) => Memory = bytes;

        public Segment Append(byte[] bytes)
        {
            var next = new Segment(bytes) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }

    [Fact]
    public void RandomBytes_NeverThrowAnythingButQmiProtocolException()
    {
        var random = new Random(42);
        for (var i = 0; i < 5000; i++)
        {
            var bytes = Seed003AllocateCid.ToArray();
            for (var j = 0; j < 3; j++)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            var sequence = new ReadOnlySequence<byte>(bytes, 0, random.Next(bytes.Length + 1));
            try
            {
                if (QmuxFramer.TryRead(ref sequence, out var frame))
                {
                    QmiMessageCodec.Decode(frame);
                }
            }
            catch (QmiProtocolException)
            {
                // the one expected failure for malformed input
            }
        }
    }
}
