using WwanDaemon.Cli.Formatting;
using WwanDaemon.Cli.Live;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.Cli.Tests;

/// <summary>Signals as watch prints them: one line each, or one JSON object per line.</summary>
public sealed class WatchEventsTests
{
    private const string Path = ModemViewFixtures.ModemPath;

    [Fact]
    public void StateChanged_OneLineWithOldNewAndReason()
    {
        var signal = new DBusSignalMessage(Path, ModemManagerNames.ModemInterface, "StateChanged", [DBusValue.Int32(8), DBusValue.Int32(11), DBusValue.UInt32(1)]);

        var change = WatchEvents.From(signal, _ => "1-6")!;

        Assert.Equal("modem 0 (1-6): registered -> connected (user-requested)", ModemTextFormatter.Event(change));
        Assert.Equal("""{"event":"state","path":"/org/freedesktop/ModemManager1/Modem/0","index":0,"id":"1-6","old":"registered","new":"connected","reason":"user-requested"}""",
            ModemJsonFormatter.WriteLine(ModemJsonFormatter.Event(change)));
    }

    [Fact]
    public void PropertiesChanged_SignalQuality_SignalEvent()
    {
        var signal = new DBusSignalMessage(Path, ModemManagerNames.Properties, "PropertiesChanged",
        [
            DBusValue.String(ModemManagerNames.ModemInterface),
            DBusValue.StringVariantDictionary([new("SignalQuality", DBusValue.Struct(DBusValue.UInt32(54), DBusValue.Boolean(true)))]),
            DBusValue.Array("s", []),
        ]);

        Assert.Equal("modem 0: signal 54%", ModemTextFormatter.Event(WatchEvents.From(signal, _ => null)!));
    }

    [Fact]
    public void PropertiesChanged_OtherProperty_Ignored()
    {
        var signal = new DBusSignalMessage(Path, ModemManagerNames.Properties, "PropertiesChanged",
            [DBusValue.String(ModemManagerNames.ModemInterface), DBusValue.StringVariantDictionary([new("State", DBusValue.Int32(11))]), DBusValue.Array("s", [])]);

        Assert.Null(WatchEvents.From(signal, _ => null));
    }

    [Fact]
    public void InterfacesAddedAndRemoved_ModemAddedWithNameAndRemoved()
    {
        var modem = ModemViewFixtures.Connected()[Path];
        var interfaces = DBusValue.Dictionary("s", "a{sv}", modem.Select(i => KeyValuePair.Create(DBusValue.String(i.Key), DBusValue.StringVariantDictionary(i.Value))));
        var added = new DBusSignalMessage(ModemManagerNames.ManagerPath, ModemManagerNames.ObjectManager, "InterfacesAdded", [DBusValue.ObjectPath(Path), interfaces]);
        var removed = new DBusSignalMessage(ModemManagerNames.ManagerPath, ModemManagerNames.ObjectManager, "InterfacesRemoved",
            [DBusValue.ObjectPath(Path), DBusValue.Array("s", [DBusValue.String(ModemManagerNames.ModemInterface)])]);

        Assert.Equal("modem 0 (1-6): added, SIMCOM INCORPORATED SIMCOM_SIM7600G-H [connected]", ModemTextFormatter.Event(WatchEvents.From(added, _ => null)!));
        Assert.Equal("modem 0 (1-6): removed", ModemTextFormatter.Event(WatchEvents.From(removed, _ => "1-6")!));
    }

    [Fact]
    public void InterfacesAdded_Bearer_Ignored()
    {
        var added = new DBusSignalMessage(ModemManagerNames.ManagerPath, ModemManagerNames.ObjectManager, "InterfacesAdded",
            [DBusValue.ObjectPath(ModemViewFixtures.BearerPath), DBusValue.Dictionary("s", "a{sv}", [KeyValuePair.Create(DBusValue.String(ModemManagerNames.Bearer), DBusValue.StringVariantDictionary([]))])]);

        Assert.Null(WatchEvents.From(added, _ => null));
    }

    [Theory]
    [InlineData("1-6", true)]
    [InlineData("0", true)]
    [InlineData("2-1", false)]
    [InlineData("1", false)]
    public void Concerns_SelectorByIdOrIndex(string selector, bool concerns)
    {
        var change = new WatchEvent("signal", Path, "1-6", []);

        Assert.Equal(concerns, Commands.WatchCommand.Concerns(change, selector));
    }
}
