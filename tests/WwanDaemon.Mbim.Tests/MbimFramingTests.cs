using WwanDaemon.Mbim.Framing;

namespace WwanDaemon.Mbim.Tests;

public class MbimFramingTests
{
    private const string OpenBytes = """
        01 00 00 00   // MessageType OPEN
        10 00 00 00   // MessageLength 16
        01 00 00 00   // TransactionId 1
        00 10 00 00   // MaxControlTransfer 4096
        """;

    private const string DeviceCapsQueryBytes = """
        03 00 00 00   // MessageType COMMAND
        30 00 00 00   // MessageLength 48
        02 00 00 00   // TransactionId 2
        01 00 00 00   // TotalFragments 1
        00 00 00 00   // CurrentFragment 0
        a2 89 cc 33 bc bb 8b 4f b6 b0 13 3e c2 aa e6 df   // DeviceServiceId basic-connect, in text order
        01 00 00 00   // CID 1 Device Caps
        00 00 00 00   // CommandType query
        00 00 00 00   // InformationBufferLength 0
        """;

    private const string RadioStateDoneBytes = """
        03 00 00 80   // MessageType COMMAND_DONE
        38 00 00 00   // MessageLength 56
        05 00 00 00   // TransactionId 5
        01 00 00 00   // TotalFragments 1
        00 00 00 00   // CurrentFragment 0
        a2 89 cc 33 bc bb 8b 4f b6 b0 13 3e c2 aa e6 df   // DeviceServiceId basic-connect
        03 00 00 00   // CID 3 Radio State
        00 00 00 00   // Status Success
        08 00 00 00   // InformationBufferLength 8
        01 00 00 00   // HwRadioState on
        00 00 00 00   // SwRadioState off
        """;

    private const string IndicationBytes = """
        07 00 00 80   // MessageType INDICATE_STATUS
        30 00 00 00   // MessageLength 48
        00 00 00 00   // TransactionId 0
        01 00 00 00   // TotalFragments 1
        00 00 00 00   // CurrentFragment 0
        a2 89 cc 33 bc bb 8b 4f b6 b0 13 3e c2 aa e6 df   // DeviceServiceId basic-connect
        0b 00 00 00   // CID 11 Signal State
        04 00 00 00   // InformationBufferLength 4
        13 00 00 00   // a 4-byte buffer
        """;

    public static TheoryData<string, MbimMessage> Known => new()
    {
        { OpenBytes, new MbimOpen(1, 4096) },
        { DeviceCapsQueryBytes, new MbimCommand(2, Transfers.BasicConnect, 1, MbimCommandType.Query, []) },
        { RadioStateDoneBytes, new MbimCommandDone(5, Transfers.BasicConnect, 3, MbimStatus.Success, [1, 0, 0, 0, 0, 0, 0, 0]) },
        { IndicationBytes, new MbimIndicateStatus(0, Transfers.BasicConnect, 11, [0x13, 0, 0, 0]) },
        { "02 00 00 00  0c 00 00 00  07 00 00 00", new MbimClose(7) },
        { "01 00 00 80  10 00 00 00  01 00 00 00  00 00 00 00", new MbimOpenDone(1, MbimStatus.Success) },
        { "02 00 00 80  10 00 00 00  07 00 00 00  02 00 00 00", new MbimCloseDone(7, MbimStatus.Failure) },
        { "04 00 00 00  10 00 00 00  09 00 00 00  03 00 00 00", new MbimHostError(9, MbimProtocolError.LengthMismatch) },
        { "04 00 00 80  10 00 00 00  09 00 00 00  02 00 00 00", new MbimFunctionError(9, MbimProtocolError.FragmentOutOfSequence) },
    };

    [Theory]
    [MemberData(nameof(Known))]
    public void Codec_KnownBytes_DecodeAndEncodeExactly(string hex, MbimMessage expected)
    {
        var bytes = AnnotatedHex.Parse(hex);

        Assert.Equal(expected, MbimMessageCodec.Decode(bytes));
        Assert.Equal(expected, new MbimReassembler().Accept(bytes));
        var encoded = Assert.Single(MbimMessageCodec.Encode(expected));
        Assert.Equal(bytes, encoded);
    }

    [Fact]
    public void Records_WithEqualBuffers_AreEqual()
    {
        var a = new MbimCommand(1, Transfers.BasicConnect, 2, MbimCommandType.Set, [1, 2, 3]);
        var b = new MbimCommand(1, Transfers.BasicConnect, 2, MbimCommandType.Set, [1, 2, 3]);

        Assert.Equal(a, b);
        Assert.NotEqual(a, b with { InformationBuffer = [1, 2, 4] });
    }

    [Theory]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(100)]
    [InlineData(256)]
    [InlineData(4096)]
    public void Encode_LongMessages_FragmentWithinMaxAndReassembleExactly(int maxControlTransfer)
    {
        foreach (var length in new[] { 0, 1, 15, 16, 17, 44, 100, 1000, 5000, 20000 })
        {
            MbimMessage[] messages =
            [
                new MbimCommand(0x10 + (uint)length, Transfers.BasicConnect, 12, MbimCommandType.Set, Transfers.Pattern(length)),
                new MbimCommandDone(0x20, Transfers.BasicConnect, 12, MbimStatus.Busy, Transfers.Pattern(length)),
                new MbimIndicateStatus(0, Transfers.BasicConnect, 11, Transfers.Pattern(length)),
            ];
            foreach (var message in messages)
            {
                var fragments = MbimMessageCodec.Encode(message, maxControlTransfer);

                Assert.All(fragments, f => Assert.InRange(f.Length, MbimMessageCodec.HeaderLength + 8, maxControlTransfer));
                var whole = MbimMessageCodec.EncodeWhole(message);
                Assert.Equal(whole.Length <= maxControlTransfer ? 1 : (whole.Length - 20 + maxControlTransfer - 21) / (maxControlTransfer - 20), fragments.Count);
                var reassembled = Transfers.Reassemble(Transfers.Cut(Transfers.Concat(fragments)));
                Assert.Equal(message, Assert.Single(reassembled));
            }
        }
    }

    [Fact]
    public void Encode_Fragments_RepeatHeaderWithOwnLengthAndNumbering()
    {
        var message = new MbimCommandDone(0x42, Transfers.BasicConnect, 1, MbimStatus.Success, Transfers.Pattern(100));

        var fragments = MbimMessageCodec.Encode(message, 64);

        // 48 + 100 = 148 bytes: 128 bytes of payload after the 20 header bytes, 44 per fragment -> 3 fragments.
        Assert.Equal(3, fragments.Count);
        Assert.Equal(AnnotatedHex.Parse("03 00 00 80  40 00 00 00  42 00 00 00  03 00 00 00  00 00 00 00"), fragments[0][..20]);
        Assert.Equal(AnnotatedHex.Parse("03 00 00 80  40 00 00 00  42 00 00 00  03 00 00 00  01 00 00 00"), fragments[1][..20]);
        Assert.Equal(AnnotatedHex.Parse("03 00 00 80  3c 00 00 00  42 00 00 00  03 00 00 00  02 00 00 00"), fragments[2][..20]);
        Assert.Equal(message.Service.ToByteArray(bigEndian: true), fragments[0][20..36]);
    }

    [Fact]
    public void Encode_FixedSizeMessages_NeverFragment()
    {
        Assert.Single(MbimMessageCodec.Encode(new MbimOpen(1, 4096), 64));
    }

    [Fact]
    public void Encode_MaxControlTransferBelowMinimum_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MbimMessageCodec.Encode(new MbimClose(1), 63));
    }

    [Fact]
    public void TransferReader_SplitAnywhere_ResumesAndCutsEveryTransfer()
    {
        var message = new MbimCommand(3, Transfers.BasicConnect, 9, MbimCommandType.Query, Transfers.Pattern(300));
        var stream = Transfers.Concat(MbimMessageCodec.Encode(message, 128).Concat([AnnotatedHex.Parse(OpenBytes)]));

        for (var split = 0; split <= stream.Length; split++)
        {
            var transfers = new List<byte[]>();
            var first = new System.Buffers.ReadOnlySequence<byte>(stream.AsMemory(0, split));
            while (MbimTransferReader.TryRead(ref first, out var transfer))
            {
                transfers.Add(transfer);
            }
            var rest = new System.Buffers.ReadOnlySequence<byte>(stream.AsMemory((int)(split - first.Length)));
            while (MbimTransferReader.TryRead(ref rest, out var transfer))
            {
                transfers.Add(transfer);
            }
            Assert.Equal(0, rest.Length);
            Assert.Equal([message, new MbimOpen(1, 4096)], Transfers.Reassemble(transfers));
        }
    }
}
