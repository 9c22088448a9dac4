using WwanDaemon.Devices.Inventory;
using WwanDaemon.Devices.Watching;
using WwanDaemon.Linux.Uevents;
using WwanDaemon.Simulator.Sysfs;

namespace WwanDaemon.Devices.Tests;

public sealed class DeviceWatcherTests : IAsyncLifetime, IAsyncDisposable
{
    private const string Lt4112DevPath = "/devices/pci0000:00/0000:00:14.0/usb2/2-6";

    private readonly TemporaryDirectory root = new();
    private readonly FakeSysfsTree tree;
    private readonly QueuedUeventSource source = new();
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(20));

    public DeviceWatcherTests() => tree = new FakeSysfsTree(root.Sys);

    public Task InitializeAsync() => Task.CompletedTask;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    // xUnit v2 calls IAsyncLifetime.DisposeAsync on test classes, never IAsyncDisposable.
    public async Task DisposeAsync()
    {
        await source.DisposeAsync();
        timeout.Dispose();
        root.Dispose();
    }

    private IAsyncEnumerator<DeviceChange> Watch(DeviceWatcherOptions? options = null) =>
        new DeviceWatcher(source, new DeviceInventory(root.Sys, root.Dev), options ?? new DeviceWatcherOptions { SettleDelay = TimeSpan.FromMilliseconds(50) })
            .WatchAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

    private static async Task<DeviceChange> NextAsync(IAsyncEnumerator<DeviceChange> changes)
    {
        Assert.True(await changes.MoveNextAsync(), "the watcher ended");
        return changes.Current;
    }

    private void Publish(UeventAction action, string relativePath, string subsystem) => source.Publish(action, Lt4112DevPath + relativePath, subsystem);

    [Fact]
    public async Task Coldplug_DevicePresentAtStart_AppearsWithItsPorts()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 3), "2-6");
        tree.AddSerialTty("2-6:3.2", "ttyUSB2");
        await using var changes = Watch();

        var change = await NextAsync(changes);

        Assert.Equal((DeviceChangeKind.Appeared, "2-6"), (change.Kind, change.BusPath));
        Assert.Equal(["ttyUSB2"], change.Device!.Ports.Select(p => p.Name));
    }

    [Fact]
    public async Task Hotplug_PortsAppearAfterTheDeviceEvent_OneSettledAppearedWithAllPorts()
    {
        // Long enough that a loaded test machine cannot split the burst; the watcher reads once, after it.
        await using var changes = Watch(new DeviceWatcherOptions { SettleDelay = TimeSpan.FromMilliseconds(1500) });
        var first = NextAsync(changes);

        tree.AddDevice(SeedDevices.Lt4112("2-6", 1), "2-6");
        Publish(UeventAction.Add, "", "usb");
        Publish(UeventAction.Add, "/2-6:1.0", "usb");
        tree.BindDriver("2-6:1.3", "qmi_wwan");
        tree.AddCdcWdm("2-6:1.3", "cdc-wdm0");
        Publish(UeventAction.Add, "/2-6:1.3/usbmisc/cdc-wdm0", "usbmisc");
        tree.AddNetworkInterface("2-6:1.3", "wwan0");
        Publish(UeventAction.Add, "/2-6:1.3/net/wwan0", "net");

        var change = await first;
        Assert.Equal(DeviceChangeKind.Appeared, change.Kind);
        Assert.Equal(["cdc-wdm0", "wwan0"], change.Device!.Ports.Select(p => p.Name));
    }

    [Fact]
    public async Task Unplug_RemoveEvents_Gone()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 3), "2-6");
        await using var changes = Watch();
        Assert.Equal(DeviceChangeKind.Appeared, (await NextAsync(changes)).Kind);

        tree.RemoveDevice("2-6");
        Publish(UeventAction.Remove, "/2-6:3.0", "usb");
        Publish(UeventAction.Remove, "", "usb");

        var change = await NextAsync(changes);
        Assert.Equal((DeviceChangeKind.Gone, "2-6", (DiscoveredDevice?)null), (change.Kind, change.BusPath, change.Device));
    }

    [Fact]
    public async Task ConfigurationSwitch_RemoveAndAddWithinTheSettleTime_OneChanged()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        await using var changes = Watch(new DeviceWatcherOptions { SettleDelay = TimeSpan.FromMilliseconds(300) });
        Assert.Equal(DeviceChangeKind.Appeared, (await NextAsync(changes)).Kind);

        tree.Reenumerate(SeedDevices.Lt4112("2-6", 3), "2-6");
        Publish(UeventAction.Remove, "", "usb");
        Publish(UeventAction.Add, "", "usb");

        var change = await NextAsync(changes);
        Assert.Equal(DeviceChangeKind.Changed, change.Kind);
        Assert.Equal(3, change.Device!.Device.ActiveConfiguration);
    }

    [Fact]
    public async Task EventsThatChangeNothing_AndEventsOutsideUsb_YieldNothing()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 3), "2-6");
        await using var changes = Watch();
        Assert.Equal(DeviceChangeKind.Appeared, (await NextAsync(changes)).Kind);

        source.Publish(UeventAction.Change, "/devices/virtual/net/lo", "net");
        Publish(UeventAction.Change, "/2-6:3.0", "usb"); // nothing differs when read
        var next = NextAsync(changes);
        tree.AddSerialTty("2-6:3.2", "ttyUSB0");
        Publish(UeventAction.Add, "/2-6:3.2/ttyUSB0/tty/ttyUSB0", "tty");

        var change = await next;
        Assert.Equal(DeviceChangeKind.Changed, change.Kind);
        Assert.Equal(["ttyUSB0"], change.Device!.Ports.Select(p => p.Name));
    }

    [Fact]
    public async Task ChattyDevice_IsReadAfterTheMaximumSettleDelayAnyway()
    {
        await using var changes = Watch(new DeviceWatcherOptions { SettleDelay = TimeSpan.FromSeconds(5), MaximumSettleDelay = TimeSpan.FromMilliseconds(200) });
        var first = NextAsync(changes);
        tree.AddDevice(SeedDevices.Lt4112("2-6", 3), "2-6");
        using var chatter = new CancellationTokenSource();
        var chattering = Task.Run(async () =>
        {
            while (!chatter.IsCancellationRequested)
            {
                Publish(UeventAction.Change, "/2-6:3.0", "usb");
                await Task.Delay(10, CancellationToken.None);
            }
        }, CancellationToken.None);

        var change = await first.WaitAsync(TimeSpan.FromSeconds(4));
        await chatter.CancelAsync();
        await chattering;

        Assert.Equal(DeviceChangeKind.Appeared, change.Kind);
    }

    [Fact]
    public async Task MalformedDevice_IsReportedAndOthersGoOn()
    {
        var failures = new List<string>();
        await using var changes = Watch(new DeviceWatcherOptions { SettleDelay = TimeSpan.FromMilliseconds(50), OnReadFailure = (busPath, _) => failures.Add(busPath) });
        var first = NextAsync(changes);
        tree.AddDevice(SeedDevices.Lt4112("1-1", 3), "1-1");
        File.WriteAllText(Path.Combine(tree.DevicePath("1-1"), "idProduct"), "not hex\n");
        source.Publish(UeventAction.Add, "/devices/usb1/1-1", "usb");
        tree.AddDevice(SeedDevices.Lt4112("2-6", 3), "2-6");
        Publish(UeventAction.Add, "", "usb");

        var change = await first;

        Assert.Equal("2-6", change.BusPath);
        Assert.Equal(["1-1"], failures);
    }

    [Fact]
    public async Task SourceEnds_PendingDevicesAreSettledThenTheWatchEnds()
    {
        await using var changes = Watch(new DeviceWatcherOptions { SettleDelay = TimeSpan.FromSeconds(30) });
        var first = NextAsync(changes);
        tree.AddDevice(SeedDevices.Lt4112("2-6", 3), "2-6");
        Publish(UeventAction.Add, "", "usb");
        await source.DisposeAsync();

        Assert.Equal(DeviceChangeKind.Appeared, (await first.WaitAsync(TimeSpan.FromSeconds(10))).Kind);
        Assert.False(await changes.MoveNextAsync());
    }

    [Fact]
    public async Task Cancellation_EndsTheWatch()
    {
        using var stop = new CancellationTokenSource();
        await using var changes = new DeviceWatcher(source, new DeviceInventory(root.Sys, root.Dev)).WatchAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        var next = changes.MoveNextAsync().AsTask();

        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
