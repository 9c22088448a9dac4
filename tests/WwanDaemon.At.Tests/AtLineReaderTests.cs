using System.Text;
using WwanDaemon.At.Lines;

namespace WwanDaemon.At.Tests;

public class AtLineReaderTests
{
    private static IReadOnlyList<string> FeedInPieces(string wire, int pieceSize)
    {
        var assembler = new AtLineAssembler();
        var bytes = Encoding.ASCII.GetBytes(wire);
        var lines = new List<string>();
        for (var i = 0; i < bytes.Length; i += pieceSize)
        {
            lines.AddRange(assembler.Feed(bytes.AsSpan(i, Math.Min(pieceSize, bytes.Length - i))).Select(line => line.ToString()));
        }
        return lines;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Assembler_EchoResponseAndOkSplitAnywhere_GivesTheSameLines(int pieceSize)
    {
        // Echo on (ATE1): the command comes back CR-terminated, then the V.250 verbose response.
        const string wire = "AT+CSQ\r\r\n+CSQ: 20,99\r\n\r\nOK\r\n";

        Assert.Equal(["AT+CSQ", "+CSQ: 20,99", "OK"], FeedInPieces(wire, pieceSize));
    }

    [Fact]
    public void Assembler_PartialLine_IsKeptUntilItsTerminatorArrives()
    {
        var assembler = new AtLineAssembler();

        Assert.Empty(assembler.Feed("\r\n+CREG: 0,"u8));
        Assert.Equal(9, assembler.PendingBytes);
        Assert.Equal(["+CREG: 0,1"], assembler.Feed("1\r\n"u8).Select(l => l.Text));
    }

    [Fact]
    public void Assembler_BareLfAndBareCrTerminators_BothEndLines()
    {
        Assert.Equal(["+CPIN: READY", "OK", "RING"], FeedInPieces("+CPIN: READY\nOK\rRING\r\n", 4));
    }

    [Fact]
    public void Assembler_SmsPrompt_IsAnEventWithoutTerminator()
    {
        var assembler = new AtLineAssembler();

        var events = assembler.Feed("AT+CMGS=23\r\r\n> "u8);

        Assert.Equal([AtLineEventKind.Line, AtLineEventKind.SmsPrompt], events.Select(e => e.Kind));
        Assert.Equal(0, assembler.PendingBytes);
    }

    [Fact]
    public void Assembler_NoiseWithoutTerminator_IsDroppedNotBufferedForever()
    {
        var assembler = new AtLineAssembler();
        var noise = Enumerable.Repeat((byte)0x7e, AtLineReader.MaxLineLength + 10).ToArray();

        Assert.Empty(assembler.Feed(noise));
        Assert.Equal(1, assembler.OverlongLinesDropped);
        Assert.Equal(["OK"], assembler.Feed("\r\nOK\r\n"u8).Select(l => l.Text));
    }

    [Fact]
    public void Assembler_InvalidUtf8_BecomesReplacementCharacterNotAnException()
    {
        var lines = new AtLineAssembler().Feed([0xff, 0xfe, (byte)'x', (byte)'\r', (byte)'\n']);

        Assert.Equal("\ufffd\ufffdx", Assert.Single(lines).Text);
    }

    [Theory]
    [InlineData("OK", AtFinalResultKind.Ok, null, null)]
    [InlineData("ERROR", AtFinalResultKind.Error, null, null)]
    [InlineData("+CME ERROR: 10", AtFinalResultKind.CmeError, 10, "SIM not inserted")]
    [InlineData("+CME ERROR: SIM PIN required", AtFinalResultKind.CmeError, 11, "SIM PIN required")]
    [InlineData("+CME ERROR: unknown", AtFinalResultKind.CmeError, 100, "unknown")]
    [InlineData("+CME ERROR: 5003", AtFinalResultKind.CmeError, 5003, null)]
    [InlineData("+CMS ERROR: 500", AtFinalResultKind.CmsError, 500, null)]
    [InlineData("NO CARRIER", AtFinalResultKind.NoCarrier, null, null)]
    [InlineData("CONNECT", AtFinalResultKind.Connect, null, null)]
    [InlineData("CONNECT 150000000", AtFinalResultKind.Connect, null, "150000000")]
    [InlineData("NO DIALTONE", AtFinalResultKind.NoDialtone, null, null)]
    [InlineData("BUSY", AtFinalResultKind.Busy, null, null)]
    [InlineData("NO ANSWER", AtFinalResultKind.NoAnswer, null, null)]
    [InlineData("COMMAND NOT SUPPORT", AtFinalResultKind.Error, null, "COMMAND NOT SUPPORT")]
    public void FinalResult_KnownCodes_AreRecognised(string line, AtFinalResultKind kind, int? code, string? text)
    {
        Assert.True(AtFinalResult.TryParse(line, out var result));
        Assert.Equal((kind, code, text), (result.Kind, result.Code, result.Text));
    }

    [Theory]
    [InlineData("+CSQ: 20,99")]
    [InlineData("OKAY")]
    [InlineData("CONNECTED")]
    [InlineData("RING")]
    public void FinalResult_OtherLines_AreNotFinal(string line) => Assert.False(AtFinalResult.TryParse(line, out _));

    [Theory]
    [InlineData("+CREG: 1,\"00C3\",\"0000A13B\",7", "AT+CREG?", AtLineRole.Response)]
    [InlineData("+CREG: 1,\"00C3\",\"0000A13B\",7", "AT+CSQ", AtLineRole.Unsolicited)]
    [InlineData("+CREG: 5", "AT+CGREG?", AtLineRole.Unsolicited)]
    [InlineData("+CGREG: 2,1", "at+cgreg?", AtLineRole.Response)]
    [InlineData("RING", "AT+CGMI", AtLineRole.Unsolicited)]
    [InlineData("+CMTI: \"SM\",3", "AT+COPS?", AtLineRole.Unsolicited)]
    [InlineData("^RSSI: 17", "AT^SYSINFO", AtLineRole.Unsolicited)]
    [InlineData("+CSQ: 20,99", "AT+CSQ", AtLineRole.Response)]
    [InlineData("+CSQ: 20,99", "AT+CGDCONT?", AtLineRole.Unsolicited)] // SIMCom AT+AUTOCSQ=1,1
    [InlineData("+QIND: \"csq\",20,99", "AT+QCFG=\"usbnet\"", AtLineRole.Unsolicited)]
    [InlineData("Quectel", "AT+CGMI", AtLineRole.Response)]
    [InlineData("+CPIN: READY", "AT+CPIN?", AtLineRole.Response)]
    [InlineData("+CPIN: NOT READY", "AT+CSQ", AtLineRole.Unsolicited)]
    public void Classifier_UrcRule_ResponseOnlyWhenThePrefixNamesTheWaitingCommand(string line, string command, AtLineRole expected)
    {
        Assert.Equal(expected, AtLineClassifier.Classify(line, command, echoPossible: false, out _));
    }

    [Fact]
    public void Classifier_EchoOnlyBeforeTheFirstResponseLine()
    {
        Assert.Equal(AtLineRole.Echo, AtLineClassifier.Classify("AT+CGMM", "AT+CGMM", echoPossible: true, out _));
        // A model name that equals the command text after the echo window is data, not echo.
        Assert.Equal(AtLineRole.Response, AtLineClassifier.Classify("AT+CGMM", "AT+CGMM", echoPossible: false, out _));
    }
}
