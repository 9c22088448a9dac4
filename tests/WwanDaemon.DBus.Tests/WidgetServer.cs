using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.DBus.Tests;

/// <summary>A private bus with a server owning <see cref="Name"/> that exports one widget under an ObjectManager root.</summary>
public sealed class WidgetServer : IAsyncLifetime
{
    public const string Name = "com.example.WwanTest";
    public const string Root = "/com/example/WwanTest";
    public const string WidgetPath = Root + "/Widget/0";
    public const string WidgetInterface = "com.example.Widget";

    private PrivateBus? bus;

    public string Address => bus!.Address;

    public BusConnection Connection { get; private set; } = null!;

    public ObjectServer Server { get; private set; } = null!;

    /// <summary>The read-write property Level's value.</summary>
    public uint Level { get; set; } = 7;

    /// <summary>The read-only property Counter's value (changed by tests, then announced with a refresh).</summary>
    public uint Counter { get; set; }

    public static DBusInterface WidgetDeclaration(WidgetServer owner) => new(
        WidgetInterface,
        [
            new DBusMethod("Add", "ii", "i", arguments => [DBusValue.Int32(((Int32Value)arguments[0]).Value + ((Int32Value)arguments[1]).Value)]),
            new DBusMethod("Describe", "a{sv}", "s", arguments => [DBusValue.String(string.Join(",", ((ArrayValue)arguments[0]).Items.Cast<DictEntryValue>().Select(e => $"{((StringValue)e.Key).Value}={Describe(((VariantValue)e.Value).Value)}")))]),
            new DBusMethod("Echo", "v", "v", arguments => arguments),
            new DBusMethod("Fail", "", "", (IReadOnlyList<DBusValue> _) => throw new DBusErrorException("com.example.Error.Broken", "broken on purpose")),
            new DBusMethod("Crash", "", "", (IReadOnlyList<DBusValue> _) => throw new InvalidOperationException("a bug in a handler")),
            new DBusMethod("Later", "u", "s", async call =>
            {
                await Task.Delay((int)((UInt32Value)call.Arguments[0]).Value);
                return [DBusValue.String("later")];
            }),
            new DBusMethod("FailLater", "", "", async call =>
            {
                await Task.Delay(50);
                throw new DBusErrorException("com.example.Error.Late", "failed after a while");
            }),
            new DBusMethod("WhoAmI", "", "us", call => ValueTask.FromResult<IReadOnlyList<DBusValue>>(
                [DBusValue.UInt32(call.Caller.Uid ?? uint.MaxValue), DBusValue.String(call.Caller.Sender)])),
        ],
        [
            new DBusProperty("Label", "s", DBusPropertyAccess.Read, () => DBusValue.String("first widget")),
            new DBusProperty("Level", "u", DBusPropertyAccess.ReadWrite, () => DBusValue.UInt32(owner.Level), value => owner.Level = ((UInt32Value)value).Value),
            new DBusProperty("Enabled", "b", DBusPropertyAccess.Read, () => DBusValue.Boolean(true)),
            new DBusProperty("Counter", "u", DBusPropertyAccess.Read, () => DBusValue.UInt32(owner.Counter)),
        ],
        [new DBusSignal("Changed", "us")]);

    private static string Describe(DBusValue value) => value switch
    {
        StringValue text => "s:" + text.Value,
        BooleanValue flag => "b:" + flag.Value,
        UInt32Value number => "u:" + number.Value,
        _ => value.Signature + ":?",
    };

    public async Task InitializeAsync()
    {
        bus = PrivateBus.Start();
        Connection = BusConnection.Connect(bus.Address);
        await Connection.RequestNameAsync(Name);
        Server = await ObjectServer.StartAsync(Connection, Root);
        await Server.AddObjectAsync(Root, []);
        await Server.AddObjectAsync(WidgetPath, [WidgetDeclaration(this)]);
    }

    public Task DisposeAsync()
    {
        Server.Dispose();
        Connection.Dispose();
        bus?.Dispose();
        return Task.CompletedTask;
    }
}
