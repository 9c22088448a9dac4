using WwanDaemon.Simulator.At;

namespace WwanDaemon.Simulator.Tests;

/// <summary>The device side's command-line reading (V.250 §5.2-5.4), table-driven.</summary>
public class AtCommandLineParserTests
{
    [Theory]
    [InlineData("AT", "", AtRequestKind.Execute, "")]
    [InlineData("ATE0", "E", AtRequestKind.Set, "0")]
    [InlineData("ATE", "E", AtRequestKind.Execute, "")]
    [InlineData("AT&F", "&F", AtRequestKind.Execute, "")]
    [InlineData("ATI", "I", AtRequestKind.Execute, "")]
    [InlineData("at+cgmi", "+CGMI", AtRequestKind.Execute, "")]
    [InlineData("AT+CPIN?", "+CPIN", AtRequestKind.Read, "")]
    [InlineData("AT+CGDCONT=?", "+CGDCONT", AtRequestKind.Test, "")]
    [InlineData("AT+CPIN=\"1234\"", "+CPIN", AtRequestKind.Set, "1234")]
    [InlineData("AT+CGDCONT=1,\"IP\",\"a,b;c\"", "+CGDCONT", AtRequestKind.Set, "1|IP|a,b;c")]
    [InlineData("AT+CUSBPIDSWITCH=9001,1,1", "+CUSBPIDSWITCH", AtRequestKind.Set, "9001|1|1")]
    [InlineData("AT$QCRMCALL=1,1", "$QCRMCALL", AtRequestKind.Set, "1|1")]
    [InlineData("AT+CGACT=1,", "+CGACT", AtRequestKind.Set, "1|")]
    [InlineData("  AT+CSQ  ", "+CSQ", AtRequestKind.Execute, "")]
    public void Parse_OneCommand_NameFormAndArguments(string line, string name, AtRequestKind kind, string arguments)
    {
        var request = Assert.Single(AtCommandLineParser.Parse(line)!);

        Assert.Equal((name, kind), (request.Name, request.Kind));
        Assert.Equal(arguments, string.Join('|', request.Arguments.Select(a => a.Text)));
    }

    [Fact]
    public void Parse_QuotedArgument_KnowsItWasQuoted()
    {
        var request = Assert.Single(AtCommandLineParser.Parse("AT+CGDCONT=1,\"IP\"")!);

        Assert.Equal([false, true], request.Arguments.Select(a => a.Quoted));
        Assert.Equal("AT+CGDCONT=1,\"IP\"", request.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("+CGMI")]
    [InlineData("AT+")]
    [InlineData("AT+CGMI!")]
    [InlineData("AT+CGDCONT=1,\"IP")]
    [InlineData("AT?")]
    public void Parse_NotACommandLine_IsNull(string line) => Assert.Null(AtCommandLineParser.Parse(line));
}
