using System.Threading.Channels;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.DBus.Tests;

public sealed class ObjectServerTests(WidgetServer widget) : IClassFixture<WidgetServer>
{
    private static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public void Call_DeclaredMethod_RepliesWithResult()
    {
        var output = Busctl.Succeed(widget.Address, "call", WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "Add", "ii", "2", "40");

        Assert.Equal("i 42", output.Trim());
    }

    [Fact]
    public void Call_DictionaryArgument_ReadsNestedVariants()
    {
        var output = Busctl.Succeed(widget.Address, "call", WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface,
            "Describe", "a{sv}", "3", "apn", "s", "internet", "roaming", "b", "true", "retries", "u", "3");

        Assert.Equal("s \"apn=s:internet,roaming=b:True,retries=u:3\"", output.Trim());
    }

    [Fact]
    public void Call_VariantOfStruct_RoundTripsEveryBasicType()
    {
        var output = Busctl.Succeed(widget.Address, "call", "--", WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface,
            "Echo", "v", "(ybiuxtdso)", "7", "true", "-3", "4000000000", "-9000000000", "18000000000000000000", "2.5", "text", "/a/b");

        Assert.Equal("v (ybiuxtdso) 7 true -3 4000000000 -9000000000 18000000000000000000 2.5 \"text\" \"/a/b\"", output.Trim());
    }

    [Fact]
    public void Introspect_Widget_ShowsDeclaredMembersAndStandardInterfaces()
    {
        var xml = Busctl.Succeed(widget.Address, "introspect", "--xml-interface", WidgetServer.Name, WidgetServer.WidgetPath);

        Assert.Contains("<interface name=\"com.example.Widget\">", xml);
        Assert.Contains("<method name=\"Add\"><arg type=\"i\" direction=\"in\"/><arg type=\"i\" direction=\"in\"/><arg type=\"i\" direction=\"out\"/></method>", xml);
        Assert.Contains("<method name=\"Describe\"><arg type=\"a{sv}\" direction=\"in\"/><arg type=\"s\" direction=\"out\"/></method>", xml);
        Assert.Contains("<property name=\"Label\" type=\"s\" access=\"read\"/>", xml);
        Assert.Contains("<property name=\"Level\" type=\"u\" access=\"readwrite\"/>", xml);
        Assert.Contains("<signal name=\"Changed\"><arg type=\"u\"/><arg type=\"s\"/></signal>", xml);
        Assert.Contains("<interface name=\"org.freedesktop.DBus.Properties\">", xml);
        Assert.Contains("<interface name=\"org.freedesktop.DBus.Introspectable\">", xml);
    }

    [Fact]
    public void Introspect_Root_ListsChildNodesAndObjectManager()
    {
        var xml = Busctl.Succeed(widget.Address, "introspect", "--xml-interface", WidgetServer.Name, WidgetServer.Root);

        Assert.Contains("<node name=\"Widget\"/>", xml);
        Assert.Contains("<interface name=\"org.freedesktop.DBus.ObjectManager\">", xml);
    }

    [Fact]
    public void PropertiesGet_ReadOnlyString_ReturnsValue()
    {
        var output = Busctl.Succeed(widget.Address, "get-property", WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "Label");

        Assert.Equal("s \"first widget\"", output.Trim());
    }

    [Fact]
    public void PropertiesGetAll_Widget_ReturnsEveryProperty()
    {
        var output = Busctl.Succeed(widget.Address, "call", WidgetServer.Name, WidgetServer.WidgetPath, "org.freedesktop.DBus.Properties", "GetAll", "s", WidgetServer.WidgetInterface);

        Assert.StartsWith("a{sv} 4 \"Label\" s \"first widget\" \"Level\" u ", output.Trim());
        Assert.EndsWith("\"Enabled\" b true \"Counter\" u 0", output.Trim());
    }

    [Fact]
    public async Task PropertiesSet_ReadWrite_ChangesValueAndEmitsPropertiesChanged()
    {
        using var listener = BusConnection.Connect(widget.Address);
        var signals = Channel.CreateUnbounded<DBusSignalMessage>();
        using var match = await listener.AddMatchAsync(
            $"type='signal',path='{WidgetServer.WidgetPath}',interface='org.freedesktop.DBus.Properties',member='PropertiesChanged'",
            signal => signals.Writer.TryWrite(signal));

        Busctl.Succeed(widget.Address, "set-property", WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "Level", "u", "99");

        Assert.Equal("u 99", Busctl.Succeed(widget.Address, "get-property", WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "Level").Trim());
        var changed = await signals.Reader.ReadAsync().AsTask().WaitAsync(SignalTimeout);
        Assert.Equal(DBusValue.String(WidgetServer.WidgetInterface), changed.Arguments[0]);
        var entry = Assert.IsType<DictEntryValue>(Assert.Single(((ArrayValue)changed.Arguments[1]).Items));
        Assert.Equal(DBusValue.String("Level"), entry.Key);
        Assert.Equal(DBusValue.Variant(DBusValue.UInt32(99)), entry.Value);
    }

    [Fact]
    public void PropertiesSet_ReadOnly_FailsWithPropertyReadOnly()
    {
        var error = Assert.Throws<DBusException>(() => CallWidget("org.freedesktop.DBus.Properties", "Set",
            DBusArgument.String(WidgetServer.WidgetInterface), DBusArgument.String("Label"), DBusArgument.Variant(DBusArgument.String("renamed"))));

        Assert.Equal(DBusErrorNames.PropertyReadOnly, error.ErrorName);
        Assert.Contains("read-only", error.Message);
    }

    [Fact]
    public void PropertiesGet_UnknownProperty_FailsWithUnknownProperty()
    {
        var error = Assert.Throws<DBusException>(() => CallWidget("org.freedesktop.DBus.Properties", "Get",
            DBusArgument.String(WidgetServer.WidgetInterface), DBusArgument.String("Colour")));

        Assert.Equal(DBusErrorNames.UnknownProperty, error.ErrorName);
    }

    [Fact]
    public async Task EmitPropertiesChanged_ByHand_IsSeenByMatch()
    {
        using var listener = BusConnection.Connect(widget.Address);
        var signals = Channel.CreateUnbounded<DBusSignalMessage>();
        using var match = await listener.AddMatchAsync(
            $"type='signal',path='{WidgetServer.WidgetPath}',interface='org.freedesktop.DBus.Properties'",
            signal => signals.Writer.TryWrite(signal));

        await widget.Server.EmitPropertiesChangedAsync(WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "Label", "Enabled");

        var changed = await signals.Reader.ReadAsync().AsTask().WaitAsync(SignalTimeout);
        Assert.Equal("PropertiesChanged", changed.Member);
        Assert.Equal("a{sv}", changed.Arguments[1].Signature);
        Assert.Equal(2, ((ArrayValue)changed.Arguments[1]).Items.Count);
        Assert.Equal(DBusValue.Array("s", []), changed.Arguments[2]);
    }

    [Fact]
    public async Task EmitSignal_Arbitrary_ArrivesWithArguments()
    {
        using var listener = BusConnection.Connect(widget.Address);
        var signals = Channel.CreateUnbounded<DBusSignalMessage>();
        using var match = await listener.AddMatchAsync($"type='signal',interface='{WidgetServer.WidgetInterface}'", signal => signals.Writer.TryWrite(signal));

        await widget.Server.EmitSignalAsync(WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "Changed", DBusValue.UInt32(3), DBusValue.String("why"));

        var changed = await signals.Reader.ReadAsync().AsTask().WaitAsync(SignalTimeout);
        Assert.Equal(new[] { DBusValue.UInt32(3), DBusValue.String("why") }, changed.Arguments);
    }

    [Fact]
    public async Task ObjectManager_AddAndRemove_EmitsInterfacesAddedAndRemovedAndListsObjects()
    {
        using var listener = BusConnection.Connect(widget.Address);
        var signals = Channel.CreateUnbounded<DBusSignalMessage>();
        using var match = await listener.AddMatchAsync("type='signal',interface='org.freedesktop.DBus.ObjectManager'", signal => signals.Writer.TryWrite(signal));
        const string path = WidgetServer.Root + "/Widget/1";

        await widget.Server.AddObjectAsync(path, [WidgetServer.WidgetDeclaration(widget)]);
        var managed = Busctl.Succeed(widget.Address, "call", WidgetServer.Name, WidgetServer.Root, "org.freedesktop.DBus.ObjectManager", "GetManagedObjects");
        await widget.Server.RemoveObjectAsync(path);

        var added = await signals.Reader.ReadAsync().AsTask().WaitAsync(SignalTimeout);
        Assert.Equal("InterfacesAdded", added.Member);
        Assert.Equal(DBusValue.ObjectPath(path), added.Arguments[0]);
        Assert.Equal("a{sa{sv}}", added.Arguments[1].Signature);
        var removed = await signals.Reader.ReadAsync().AsTask().WaitAsync(SignalTimeout);
        Assert.Equal("InterfacesRemoved", removed.Member);
        Assert.Equal(DBusValue.Array("s", [DBusValue.String(WidgetServer.WidgetInterface)]), removed.Arguments[1]);
        Assert.StartsWith("a{oa{sa{sv}}} 2 \"/com/example/WwanTest/Widget/0\" 1 \"com.example.Widget\" 4 \"Label\" s \"first widget\"", managed.Trim());
        Assert.Contains("\"/com/example/WwanTest/Widget/1\"", managed);
    }

    [Theory]
    [InlineData("/com/example/WwanTest/Nothing", WidgetServer.WidgetInterface, "Add", DBusErrorNames.UnknownObject)]
    [InlineData(WidgetServer.WidgetPath, "com.example.Missing", "Add", DBusErrorNames.UnknownInterface)]
    [InlineData(WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "Subtract", DBusErrorNames.UnknownMethod)]
    public void Call_Unknown_FailsWithStandardError(string path, string @interface, string member, string expectedError)
    {
        using var client = SdBusClient.Connect(widget.Address);

        var error = Assert.Throws<DBusException>(() => client.Call(WidgetServer.Name, path, @interface, member, DBusArgument.Int32(1), DBusArgument.Int32(2)));

        Assert.Equal(expectedError, error.ErrorName);
    }

    [Fact]
    public void Call_WrongArgumentTypes_FailsWithInvalidArgs()
    {
        var error = Assert.Throws<DBusException>(() => CallWidget(WidgetServer.WidgetInterface, "Add", DBusArgument.String("2"), DBusArgument.String("3")));

        Assert.Equal(DBusErrorNames.InvalidArgs, error.ErrorName);
        Assert.Contains("takes 'ii', not 'ss'", error.Message);
    }

    [Fact]
    public void Call_HandlerThrowsDBusError_RepliesWithThatError()
    {
        var error = Assert.Throws<DBusException>(() => CallWidget(WidgetServer.WidgetInterface, "Fail"));

        Assert.Equal("com.example.Error.Broken", error.ErrorName);
        Assert.Contains("broken on purpose", error.Message);
    }

    [Fact]
    public void Call_HandlerBug_RepliesFailedAndServerKeepsRunning()
    {
        var error = Assert.Throws<DBusException>(() => CallWidget(WidgetServer.WidgetInterface, "Crash"));

        Assert.Equal(DBusErrorNames.Failed, error.ErrorName);
        Assert.Contains("a bug in a handler", error.Message);
        Assert.Equal("i 3", Busctl.Succeed(widget.Address, "call", WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "Add", "ii", "1", "2").Trim());
    }

    private void CallWidget(string @interface, string member, params DBusArgument[] arguments)
    {
        using var client = SdBusClient.Connect(widget.Address);
        client.Call(WidgetServer.Name, WidgetServer.WidgetPath, @interface, member, arguments);
    }
}
