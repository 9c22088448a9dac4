using WwanDaemon.BusApi;
using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.ConnectionProfiles;

namespace WwanDaemon.BusApi.Tests;

public sealed class ConnectSettingsTests
{
    private static DBusValue Settings(params (string Key, DBusValue Value)[] entries) =>
        DBusValue.StringVariantDictionary(entries.Select(e => KeyValuePair.Create(e.Key, e.Value)));

    [Fact]
    public void Parse_TheKeysMmcliAndNetworkManagerSend_GiveTheRequest()
    {
        var request = ConnectSettings.Parse(Settings(
            ("apn", DBusValue.String("internet.example")), ("user", DBusValue.String("u")), ("password", DBusValue.String("p")),
            ("ip-type", DBusValue.UInt32(4)), ("allowed-auth", DBusValue.UInt32(2)), ("allow-roaming", DBusValue.Boolean(false)),
            ("pin", DBusValue.String("1234")), ("operator-id", DBusValue.String("26201")), ("profile-id", DBusValue.Int32(-1))));

        Assert.Equal(new Modem.Fleet.ConnectRequest("internet.example", IpFamily.Ipv4v6, ApnAuthentication.Pap, "u", "p", false, "1234", "26201"), request);
    }

    [Theory]
    [InlineData("apn", "s", "inter\r\nAT+CFUN=0", "control character")]
    [InlineData("apn", "s", "inter$net", "apn")]
    [InlineData("pin", "s", "12a4", "4 to 8 digits")]
    [InlineData("operator-id", "s", "2620", "5 or 6 digits")]
    [InlineData("colour", "s", "blue", "unknown key 'colour'")]
    [InlineData("apn", "u", "7", "must be a string")]
    [InlineData("ip-type", "u", "8", "ip-type 8")]
    [InlineData("allowed-auth", "u", "8", "allowed-auth 8")]
    [InlineData("allow-roaming", "s", "yes", "must be a boolean")]
    [InlineData("profile-id", "i", "3", "profile-id 3 is not supported")]
    public void Parse_BadValue_IsInvalidArgsNamingTheKey(string key, string type, string value, string expected)
    {
        DBusValue typed = type switch
        {
            "s" => DBusValue.String(value),
            "u" => DBusValue.UInt32(uint.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
            _ => DBusValue.Int32(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)),
        };
        var entries = key == "apn" ? new[] { (key, typed) } : new[] { ("apn", DBusValue.String("internet")), (key, typed) };

        var error = Assert.Throws<DBusErrorException>(() => ConnectSettings.Parse(Settings(entries)));

        Assert.Equal(DBusErrorNames.InvalidArgs, error.ErrorName);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Parse_OverlongApn_IsRefused()
    {
        var error = Assert.Throws<DBusErrorException>(() => ConnectSettings.Parse(Settings(("apn", DBusValue.String(new string('a', 300))))));

        Assert.Contains("300 characters", error.Message);
    }

    [Fact]
    public void Parse_NoApn_IsRefused()
    {
        var error = Assert.Throws<DBusErrorException>(() => ConnectSettings.Parse(Settings(("user", DBusValue.String("u")))));

        Assert.Contains("'apn' is required", error.Message);
    }

    [Fact]
    public void Describe_NeverShowsThePasswordOrPin()
    {
        var described = ConnectSettings.Describe(new Modem.Fleet.ConnectRequest("internet", User: "u", Password: "secret", Pin: "1234"));

        var keys = ((ArrayValue)described).Items.Cast<DictEntryValue>().Select(e => ((StringValue)e.Key).Value).ToList();
        Assert.Equal(["apn", "ip-type", "allowed-auth", "allow-roaming", "user"], keys);
    }
}
