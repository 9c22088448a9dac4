using System.Diagnostics;
using System.Threading.Channels;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.DBus.Tests;

/// <summary>Handlers that answer later, the caller's credentials, property refresh and the asynchronous client call.</summary>
public sealed class DeferredReplyAndCallerTests(WidgetServer widget) : IClassFixture<WidgetServer>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private static Task<IReadOnlyList<DBusValue>> Call(BusConnection client, string member, params DBusValue[] arguments) =>
        client.CallAsync(WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface, member, arguments);

    [Fact]
    public async Task DeferredReply_WhileTheHandlerWaits_OtherCallsAreAnswered()
    {
        using var client = BusConnection.Connect(widget.Address);

        var slow = Call(client, "Later", DBusValue.UInt32(1500));
        var quick = await Call(client, "Add", DBusValue.Int32(2), DBusValue.Int32(3)).WaitAsync(Patience);

        Assert.Equal([DBusValue.Int32(5)], quick);
        Assert.False(slow.IsCompleted, "the slow call was answered before its handler finished");
        Assert.Equal([DBusValue.String("later")], await slow.WaitAsync(Patience));
    }

    [Fact]
    public async Task DeferredReply_HandlerFailsLater_CallerGetsItsErrorName()
    {
        using var client = BusConnection.Connect(widget.Address);

        var error = await Assert.ThrowsAsync<DBusException>(() => Call(client, "FailLater").WaitAsync(Patience));

        Assert.Equal("com.example.Error.Late", error.ErrorName);
        Assert.Contains("failed after a while", error.Message);
    }

    [Fact]
    public async Task DeferredReply_SeenByBusctl()
    {
        var output = await Task.Run(() => Busctl.Succeed(widget.Address, "call", WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "Later", "u", "200"));

        Assert.Equal("s \"later\"", output.Trim());
    }

    [Fact]
    public void Caller_Root_HasUidZeroAndItsUniqueName()
    {
        Assert.True(Environment.UserName == "root", "this test runs as root (as CI does) to compare with a second user");

        var output = Busctl.Succeed(widget.Address, "call", WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "WhoAmI");

        Assert.Matches("^us 0 \":1\\.[0-9]+\"$", output.Trim());
    }

    [Fact]
    public void Caller_AnotherUser_IsSeenWithThatUsersUid()
    {
        Assert.True(Environment.UserName == "root", "this test runs as root (as CI does) to start a client as nobody");

        var start = new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "busctl", "--address=" + widget.Address, "--no-pager",
            "call", WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "WhoAmI"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();

        Assert.True(process.ExitCode == 0, $"busctl as nobody failed: {error}");
        Assert.StartsWith("us 65534 ", output.Trim());
    }

    [Fact]
    public async Task RefreshProperties_AnnouncesOnlyWhatChanged_AndNothingWhenNothingDid()
    {
        using var listener = BusConnection.Connect(widget.Address);
        var signals = Channel.CreateUnbounded<DBusSignalMessage>();
        using var match = await listener.AddMatchAsync($"type='signal',path='{WidgetServer.WidgetPath}'", signal => signals.Writer.TryWrite(signal));

        widget.Counter += 5;
        await widget.Server.RefreshPropertiesAsync(WidgetServer.WidgetPath);
        await widget.Server.RefreshPropertiesAsync(WidgetServer.WidgetPath);
        await widget.Server.EmitSignalAsync(WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "Changed", DBusValue.UInt32(0), DBusValue.String("sentinel"));

        var first = await signals.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal("PropertiesChanged", first.Member);
        Assert.Equal(DBusValue.String(WidgetServer.WidgetInterface), first.Arguments[0]);
        Assert.Equal(DBusValue.StringVariantDictionary([KeyValuePair.Create("Counter", DBusValue.UInt32(widget.Counter))]), first.Arguments[1]);
        var second = await signals.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal("Changed", second.Member); // the second refresh found nothing to announce
    }

    [Fact]
    public async Task CallAsync_UnknownName_FailsWithServiceUnknown()
    {
        using var client = BusConnection.Connect(widget.Address);

        var error = await Assert.ThrowsAsync<DBusException>(() => client.CallAsync("com.example.Nobody", "/", "com.example.Nothing", "Hello", []).WaitAsync(Patience));

        Assert.Equal("org.freedesktop.DBus.Error.ServiceUnknown", error.ErrorName);
    }

    [Fact]
    public async Task CallAsync_NoReplyInTime_FailsWithNoReply()
    {
        using var client = BusConnection.Connect(widget.Address);

        var error = await Assert.ThrowsAsync<DBusException>(() =>
            client.CallAsync(WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "Later", [DBusValue.UInt32(3000)], TimeSpan.FromMilliseconds(200)).WaitAsync(Patience));

        Assert.Equal("org.freedesktop.DBus.Error.NoReply", error.ErrorName);
    }

    [Fact]
    public async Task CallAsync_ConnectionClosedWhileWaiting_FailsInsteadOfHanging()
    {
        var client = BusConnection.Connect(widget.Address);
        var waiting = client.CallAsync(WidgetServer.Name, WidgetServer.WidgetPath, WidgetServer.WidgetInterface, "Later", [DBusValue.UInt32(3000)]);
        await Task.Delay(100);

        client.Dispose();

        await Assert.ThrowsAnyAsync<Exception>(() => waiting.WaitAsync(Patience));
    }
}
