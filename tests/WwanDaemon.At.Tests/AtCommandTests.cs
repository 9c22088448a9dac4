using WwanDaemon.At.Commands;

namespace WwanDaemon.At.Tests;

public class AtCommandTests
{
    [Fact]
    public void Builder_Forms_ProduceV250Lines()
    {
        Assert.Equal("AT+CREG?", AtCommand.Read("+CREG").Text);
        Assert.Equal("AT+CGDCONT=?", AtCommand.Test("+CGDCONT").Text);
        Assert.Equal("AT+CIMI", AtCommand.Execute("+CIMI").Text);
        Assert.Equal("ATE0", AtCommand.Execute("E0").Text);
        Assert.Equal("AT+CGDCONT=1,\"IPV4V6\",\"internet.t-mobile\"",
            AtCommand.Set("+CGDCONT", AtArgument.Number(1), AtArgument.Quoted("IPV4V6", "PDP type"), AtArgument.Apn("internet.t-mobile")).Text);
        Assert.Equal("AT+CPIN=\"1234\"", AtCommand.Set("+CPIN", AtArgument.Pin("1234")).Text);
        Assert.Equal("AT+COPS=1,2,\"26201\"", AtCommand.Set("+COPS", AtArgument.Number(1), AtArgument.Number(2), AtArgument.OperatorId("26201")).Text);
        Assert.Equal("AT$QCRMCALL=1,1", AtCommand.Set("$QCRMCALL", AtArgument.Number(1), AtArgument.Number(1)).Text);
        Assert.Equal("AT^NDISDUP=1,1,\"internet\"", AtCommand.Set("^NDISDUP", AtArgument.Number(1), AtArgument.Number(1), AtArgument.Apn("internet")).Text);
        Assert.Equal("AT+CGAUTH=1,1,,", AtCommand.Set("+CGAUTH", AtArgument.Number(1), AtArgument.Number(1), AtArgument.Omitted, AtArgument.Omitted).Text);
    }

    public static TheoryData<string, string, string, char?> Injections => new()
    {
        // field, value, how the value is used, the character the error must name
        { "APN", "internet\"\r\nAT+CFUN=0", "apn", '"' },
        { "APN", "internet\r\nAT+CFUN=0", "apn", '\r' },
        { "APN", "internet\nAT+CFUN=0", "apn", '\n' },
        { "APN", "internet;+CFUN=0", "apn", ';' },
        { "APN", "internet\";+CFUN=0;\"", "apn", '"' },
        { "APN", "inter net", "apn", ' ' },
        { "APN", "internet\u001a", "apn", '\u001a' },
        { "APN", "internet\\22,+CFUN=0", "apn", '\\' },
        { "APN", "intérnet", "apn", 'é' },
        { "PIN", "1234\"\r\nAT+CLCK=\"SC\",0,\"1234", "pin", '"' },
        { "PIN", "12;4", "pin", ';' },
        { "PIN", "1234\r", "pin", '\r' },
        { "operator id", "26201\";+COPS=2;\"", "operator", '"' },
        { "operator id", "2620\n1", "operator", '\n' },
        { "user", "bob\"\r\nATH", "quoted", '"' },
        { "password", "pa;ss", "quoted", ';' },
        { "password", "pa\u0000ss", "quoted", '\0' },
        { "password", "pa\u001bss", "quoted", '\u001b' },
        { "password", "pass\u007f", "quoted", '\u007f' },
        { "bare token", "usbnet\r\nAT+CFUN=0", "token", '\r' },
    };

    [Theory]
    [MemberData(nameof(Injections))]
    public void Builder_InjectedInput_IsRejectedNamingFieldAndCharacter(string field, string value, string use, char? character)
    {
        Func<AtArgument> build = use switch
        {
            "apn" => () => AtArgument.Apn(value),
            "pin" => () => AtArgument.Pin(value),
            "operator" => () => AtArgument.OperatorId(value),
            "token" => () => AtArgument.Token(value, field),
            _ => () => AtArgument.Quoted(value, field),
        };
        var error = Assert.Throws<AtCommandRejectedException>(() => build());

        Assert.Equal(field, error.Field);
        Assert.Equal(character, error.Character);
        Assert.StartsWith(field + ":", error.Message, StringComparison.Ordinal);
        Assert.Contains("not sent", error.Message, StringComparison.Ordinal);
        // The message stays one line and never echoes the whole (possibly secret) value.
        Assert.DoesNotContain('\r', error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+CGDCONT=1;+CFUN")]
    [InlineData("+CFUN\r")]
    [InlineData("")]
    [InlineData("+CGDCONT \"")]
    public void Builder_UnsafeCommandName_IsRejected(string name) =>
        Assert.Throws<AtCommandRejectedException>(() => AtCommand.Execute(name));

    [Theory]
    [InlineData("123")]
    [InlineData("123456789")]
    [InlineData("12a4")]
    public void Builder_PinOfWrongShape_IsRejected(string pin) =>
        Assert.Equal("PIN", Assert.Throws<AtCommandRejectedException>(() => AtArgument.Pin(pin)).Field);

    [Fact]
    public void Builder_OverlongApn_IsRejected() =>
        Assert.Throws<AtCommandRejectedException>(() => AtArgument.Apn(new string('a', 101)));
}
