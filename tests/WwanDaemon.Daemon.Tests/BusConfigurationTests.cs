using System.Collections;
using WwanDaemon.Daemon.Configuration;

namespace WwanDaemon.Daemon.Tests;

/// <summary>The D-Bus keys: Bus, ModemManagerApi, ControlGroup.</summary>
public class BusConfigurationTests
{
    private static DaemonOptions Load(string json)
    {
        using var file = new TempConfigFile(json);
        return DaemonConfiguration.Load(file.Path, true, new Hashtable(), new Dictionary<string, string>());
    }

    [Fact]
    public void Defaults_SystemBus_ModemManagerApiOn_Netdev()
    {
        var options = Load("{}");

        Assert.Equal("system", options.Bus);
        Assert.True(options.ModemManagerApi);
        Assert.Equal("netdev", options.ControlGroup);
    }

    [Fact]
    public void Read_AnAddressOff_AndAGroup()
    {
        var options = Load("""{ "Bus": "unix:path=/run/test/bus", "ModemManagerApi": "off", "ControlGroup": "wwan-admins" }""");

        Assert.Equal("unix:path=/run/test/bus", options.Bus);
        Assert.False(options.ModemManagerApi);
        Assert.Equal("wwan-admins", options.ControlGroup);
    }

    [Theory]
    [InlineData("Bus", "sessionbus", "allowed values are system, none, or a D-Bus address")]
    [InlineData("ModemManagerApi", "maybe", "allowed values are on, off, true, false")]
    [InlineData("ControlGroup", "Net Dev", "must be a group name")]
    public void Read_BadValue_NamesTheKeyAndWhatIsAllowed(string key, string value, string expected)
    {
        using var file = new TempConfigFile($$"""{ "{{key}}": "{{value}}" }""");

        var failure = Assert.Throws<DaemonConfigurationException>(() => DaemonConfiguration.Load(file.Path, true, new Hashtable(), new Dictionary<string, string>()));

        Assert.Contains($"{key} = \"{value}\"", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }
}
