using System.Buffers.Binary;
using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Mbim.Tests;

public class MbimInformationBufferErrorTests
{
    private static readonly MbimDeclarations Declarations = MbimDeclarations.Embedded;

    private static IReadOnlyList<MbimFieldDeclaration> Layout(string command, string kind)
    {
        var declaration = Declarations.Find("basic-connect", command).Command;
        return kind == "set" ? declaration.Set! : declaration.Response!;
    }

    private static byte[] PinSet() => MbimInformationBuffer.Encode(Layout("Pin", "set"),
    [
        new QmiField("PinType", new QmiInteger(2)),
        new QmiField("PinOperation", new QmiInteger(0)),
        new QmiField("Pin", new QmiString("1234")),
        new QmiField("NewPin", new QmiString("")),
    ]);

    [Fact]
    public void PinSet_Layout_IsCanonical()
    {
        Assert.Equal(AnnotatedHex.Parse("""
            02 00 00 00   // PinType
            00 00 00 00   // PinOperation enter
            18 00 00 00   // Pin offset 24 (after the 24-byte fixed part)
            08 00 00 00   // Pin size 8
            00 00 00 00   // NewPin offset 0: empty
            00 00 00 00   // NewPin size 0
            31 00 32 00 33 00 34 00   // "1234" UTF-16LE
            """), PinSet());
    }

    [Fact]
    public void StringOffsetPastEnd_NamesFieldAndOffset()
    {
        var bytes = PinSet();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 28);
        var error = Assert.Throws<MbimProtocolException>(() => MbimInformationBuffer.Decode(Layout("Pin", "set"), bytes, "Pin set"));
        Assert.Contains("Pin set", error.Message, StringComparison.Ordinal);
        Assert.Contains(".Pin", error.Message, StringComparison.Ordinal);
        Assert.Contains("offset 28", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StringSizeHuge_Throws()
    {
        var bytes = PinSet();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), 0xfffffffe);
        Assert.Throws<MbimProtocolException>(() => MbimInformationBuffer.Decode(Layout("Pin", "set"), bytes, "Pin set"));
    }

    [Fact]
    public void OddUtf16Length_Throws()
    {
        var bytes = PinSet();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), 7);
        var error = Assert.Throws<MbimProtocolException>(() => MbimInformationBuffer.Decode(Layout("Pin", "set"), bytes, "Pin set"));
        Assert.Contains("odd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedFixedPart_Throws()
    {
        var error = Assert.Throws<MbimProtocolException>(() => MbimInformationBuffer.Decode(Layout("Radio State", "response"), new byte[6], "Radio State response"));
        Assert.Contains("SwRadioState", error.Message, StringComparison.Ordinal);
        Assert.Contains("offset 4", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x10000000u)]
    [InlineData(uint.MaxValue)]
    [InlineData(3u)]
    public void CountThatCannotFit_Throws(uint count)
    {
        // Device Services: DeviceServicesCount, MaxDssSessions, then count (offset, size) pairs.
        var bytes = new byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, count);
        var error = Assert.Throws<MbimProtocolException>(() => MbimInformationBuffer.Decode(Layout("Device Services", "response"), bytes, "Device Services response"));
        Assert.Contains("DeviceServices", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RefStructElementOutsideBuffer_Throws()
    {
        var bytes = new byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(8), 16);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(12), 100);
        var error = Assert.Throws<MbimProtocolException>(() => MbimInformationBuffer.Decode(Layout("Device Services", "response"), bytes, "Device Services response"));
        Assert.Contains("DeviceServices[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv4ArrayOffsetOutsideBuffer_Throws()
    {
        var layout = Layout("IP Configuration", "response");
        var fields = SampleValues.For(layout, 1);
        var bytes = MbimInformationBuffer.Encode(layout, fields);
        // IPv4DnsServer's offset sits after 9 words (SessionId .. IPv6Gateway, IPv4DnsServerCount).
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), (uint)bytes.Length);
        var error = Assert.Throws<MbimProtocolException>(() => MbimInformationBuffer.Decode(layout, bytes, "IP Configuration response"));
        Assert.Contains("IPv4DnsServer", error.Message, StringComparison.Ordinal);
    }
}
