using WwanDaemon.Systemd.Journal;

namespace WwanDaemon.Systemd.Tests;

public class JournalFieldNameTests
{
    [Theory]
    [InlineData("BusPath", "BUS_PATH")]
    [InlineData("SourceContext", "SOURCE_CONTEXT")]
    [InlineData("IMEI", "IMEI")]
    [InlineData("IPv4Address", "IPV4_ADDRESS")]
    [InlineData("snake_case", "SNAKE_CASE")]
    [InlineData("modem.id", "MODEM_ID")]
    [InlineData("port-name", "PORT_NAME")]
    [InlineData("_Trusted", "TRUSTED")]
    [InlineData("__CURSOR", "CURSOR")]
    [InlineData("3gpp", "F3GPP")]
    [InlineData("0", "F0")]
    [InlineData("___", null)]
    [InlineData("", null)]
    public void FromPropertyName_Table_ValidJournalField(string property, string? expected)
    {
        Assert.Equal(expected, JournalFieldName.FromPropertyName(property));
    }

    [Fact]
    public void FromPropertyName_LongerThan64_IsCut()
    {
        var field = JournalFieldName.FromPropertyName(new string('a', 100))!;

        Assert.Equal(64, field.Length);
        Assert.Matches("^[A-Z][A-Z0-9_]*$", field);
    }
}
