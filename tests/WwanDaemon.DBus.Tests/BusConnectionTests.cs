using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Connection;

namespace WwanDaemon.DBus.Tests;

public sealed class BusConnectionTests : IDisposable
{
    private readonly PrivateBus bus = PrivateBus.Start();

    public void Dispose() => bus.Dispose();

    [Fact]
    public async Task InvokeAsync_FromManyThreads_RunsEveryItemSeriallyOnTheBusThread()
    {
        using var connection = BusConnection.Connect(bus.Address);
        var unsynchronisedCounter = 0;
        var threadsSeen = new System.Collections.Concurrent.ConcurrentBag<int>();

        var posters = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await connection.InvokeAsync(() =>
                {
                    threadsSeen.Add(Environment.CurrentManagedThreadId);
                    var before = unsynchronisedCounter;
                    Thread.SpinWait(50);
                    unsynchronisedCounter = before + 1; // lost updates if two items ever ran at once
                });
            }
        }));
        await Task.WhenAll(posters).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1600, unsynchronisedCounter);
        Assert.Equal([connection.ThreadId], threadsSeen.Distinct());
    }

    [Fact]
    public async Task InvokeAsync_WorkThrows_FaultsOnlyThatTask()
    {
        using var connection = BusConnection.Connect(bus.Address);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => connection.InvokeAsync<int>(() => throw new InvalidOperationException("posted work failed")));

        Assert.Equal("posted work failed", failure.Message);
        Assert.Equal(5, await connection.InvokeAsync(() => 5));
    }

    [Fact]
    public async Task Dispose_StopsTheBusThreadAndRefusesWork()
    {
        var connection = BusConnection.Connect(bus.Address);
        await connection.InvokeAsync(() => 1);

        connection.Dispose();

        Assert.False(connection.IsRunning);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => connection.InvokeAsync(() => 1));
    }

    [Fact]
    public async Task RequestName_TakenByAnother_FailsNamingTheName()
    {
        using var owner = BusConnection.Connect(bus.Address);
        using var second = BusConnection.Connect(bus.Address);
        await owner.RequestNameAsync("com.example.Taken");

        var error = await Assert.ThrowsAsync<DBusException>(() => second.RequestNameAsync("com.example.Taken"));

        Assert.Contains("com.example.Taken is already owned", error.Message);
        using var client = SdBusClient.Connect(bus.Address);
        Assert.True(client.NameHasOwner("com.example.Taken"));
    }

    [Fact]
    public void Connect_NoBusAtAddress_FailsNamingTheAddress()
    {
        var error = Assert.Throws<DBusException>(() => BusConnection.Connect("unix:path=/nonexistent/wwan-test-bus"));

        Assert.Contains("could not connect to unix:path=/nonexistent/wwan-test-bus", error.Message);
    }
}
