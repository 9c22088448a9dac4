using WwanDaemon.BusApi;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.BusApi.Tests;

/// <summary>What the API answers over a fleet without commands, and with bad arguments, through a real bus.</summary>
public sealed class ReadOnlyFleetTests(ExportedFleet exported) : IClassFixture<ExportedFleet>
{
    private const string Modem = BusNames.ModemPathPrefix + "0";

    private Task<IReadOnlyList<DBusValue>> Call(string path, string @interface, string member, params DBusValue[] arguments) =>
        exported.Client.CallAsync(BusNames.ModemManager, path, @interface, member, arguments);

    [Fact]
    public async Task Connect_BadArguments_AreInvalidArgs_AndNoBearerIsMade()
    {
        var error = await Assert.ThrowsAsync<DBusException>(() => Call(Modem, BusNames.SimpleInterface, "Connect",
            DBusValue.StringVariantDictionary([KeyValuePair.Create("apn", DBusValue.String("inter\nnet"))])));

        Assert.Equal("org.freedesktop.DBus.Error.InvalidArgs", error.ErrorName);
        var bearers = await Call(Modem, BusNames.ModemInterface, "ListBearers");
        Assert.Equal(DBusValue.Array("o", [DBusValue.ObjectPath(BusNames.BearerPathPrefix + "0")]), bearers[0]);
    }

    [Fact]
    public async Task Connect_ReadOnlyFleet_IsUnsupported()
    {
        var error = await Assert.ThrowsAsync<DBusException>(() => Call(Modem, BusNames.SimpleInterface, "Connect",
            DBusValue.StringVariantDictionary([KeyValuePair.Create("apn", DBusValue.String("other"))])));

        Assert.Equal(ModemManagerErrors.Unsupported, error.ErrorName);
    }

    [Fact]
    public async Task UnsupportedMember_NamesItself()
    {
        var error = await Assert.ThrowsAsync<DBusException>(() => Call(BusNames.SimPathPrefix + "0", BusNames.SimInterface, "ChangePin", DBusValue.String("1234"), DBusValue.String("4321")));

        Assert.Equal(ModemManagerErrors.Unsupported, error.ErrorName);
        Assert.Contains("ChangePin", error.Message);
    }

    [Fact]
    public async Task Properties_ComeFromTheSnapshot()
    {
        var all = (ArrayValue)(await Call(Modem, "org.freedesktop.DBus.Properties", "GetAll", DBusValue.String(BusNames.ModemInterface)))[0];
        var properties = all.Items.Cast<DictEntryValue>().ToDictionary(e => ((StringValue)e.Key).Value, e => ((VariantValue)e.Value).Value);

        Assert.Equal(DBusValue.Int32(11), properties["State"]);
        Assert.Equal(DBusValue.String("cdc-wdm0"), properties["PrimaryPort"]);
        Assert.Equal(DBusValue.ObjectPath(BusNames.SimPathPrefix + "0"), properties["Sim"]);
        Assert.Equal(DBusValue.Struct(DBusValue.UInt32(74), DBusValue.Boolean(true)), properties["SignalQuality"]);
        Assert.Equal("a{uu}", properties["UnlockRetries"].Signature);
    }

    [Fact]
    public async Task ObjectManager_ListsModemsOnly()
    {
        var managed = (ArrayValue)(await Call(BusNames.ManagerPath, "org.freedesktop.DBus.ObjectManager", "GetManagedObjects"))[0];

        var paths = managed.Items.Cast<DictEntryValue>().Select(e => ((ObjectPathValue)e.Key).Value).ToList();
        Assert.Equal([Modem], paths);
    }

    [Fact]
    public async Task Bearer_Ip4Config_IsTheSessionsSettings()
    {
        var value = ((VariantValue)(await Call(BusNames.BearerPathPrefix + "0", "org.freedesktop.DBus.Properties", "Get", DBusValue.String(BusNames.BearerInterface), DBusValue.String("Ip4Config")))[0]).Value;
        var config = ((ArrayValue)value).Items.Cast<DictEntryValue>().ToDictionary(e => ((StringValue)e.Key).Value, e => ((VariantValue)e.Value).Value);

        Assert.Equal(DBusValue.UInt32(2), config["method"]);
        Assert.Equal(DBusValue.String("192.0.2.2"), config["address"]);
        Assert.Equal(DBusValue.UInt32(24), config["prefix"]);
        Assert.Equal(DBusValue.String("192.0.2.1"), config["gateway"]);
        Assert.Equal(DBusValue.String("192.0.2.53"), config["dns1"]);
        Assert.Equal(DBusValue.UInt32(1500), config["mtu"]);
    }
}
