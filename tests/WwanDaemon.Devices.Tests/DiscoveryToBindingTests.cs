using WwanDaemon.Composition.Planning;
using WwanDaemon.Devices.Binding;
using WwanDaemon.Devices.Inventory;
using WwanDaemon.Devices.Watching;
using WwanDaemon.Linux.Uevents;
using WwanDaemon.Simulator.Sysfs;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Devices.Tests;

/// <summary>
/// The pieces together as the daemon uses them: the watcher reports a device, the planner plans it,
/// the executor fixes it, and the watcher reports the result; the fake tree's add/remove are the uevents.
/// </summary>
public sealed class DiscoveryToBindingTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly BindingOptions Quick = new()
    {
        DriverSettleTimeout = TimeSpan.FromMilliseconds(300),
        PollInterval = TimeSpan.FromMilliseconds(10),
    };

    private readonly TemporaryDirectory root = new();
    private readonly FakeSysfsTree tree;
    private readonly QueuedUeventSource source = new();
    private readonly CancellationTokenSource timeout = new(TimeSpan.FromSeconds(20));

    public DiscoveryToBindingTests()
    {
        tree = new FakeSysfsTree(root.Sys);
        tree.Changed += change => source.Publish(
            change.Action == FakeSysfsAction.Add ? UeventAction.Add : UeventAction.Remove,
            "/" + Path.GetRelativePath(root.Sys, change.DevicePath), "usb");
        foreach (var driver in new[] { "qcserial", "cdc_ether", "cdc_mbim" })
        {
            tree.AddDriver(driver);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    // xUnit v2 calls IAsyncLifetime.DisposeAsync on test classes, never IAsyncDisposable.
    public async Task DisposeAsync()
    {
        await source.DisposeAsync();
        timeout.Dispose();
        root.Dispose();
    }

    // The fake tree announces a re-enumeration's "remove" before it writes the new device's files and its "add"
    // after: the settle time must outlast that writing (a temporary directory on a loaded disk), or the watcher
    // reads in between and reports the device Gone, then Appeared. Long enough that a loaded machine cannot split it.
    private IAsyncEnumerator<DeviceChange> Watch() =>
        new DeviceWatcher(source, new DeviceInventory(root.Sys, root.Dev), new DeviceWatcherOptions { SettleDelay = TimeSpan.FromMilliseconds(500) })
            .WatchAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);

    [Fact]
    public async Task Seed004_Plugged_IsSwitchedToMbimAndComesBackWithCdcWdm()
    {
        await using var changes = Watch();
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        Assert.True(await changes.MoveNextAsync());
        var appeared = changes.Current;
        Assert.Equal((DeviceChangeKind.Appeared, 2), (appeared.Kind, appeared.Device!.Device.ActiveConfiguration));

        var plan = CompositionPlanner.Plan(appeared.Device.Device, KnowledgeBaseData.Embedded, CompositionPolicy.PreferMbim);
        var kernel = new FakeKernel(tree)
        {
            Reenumerated = (busPath, configuration) => SeedDevices.Lt4112(busPath, configuration),
            Bound = (name, driver) =>
            {
                tree.BindDriver("2-6:3.1", driver);
                tree.AddCdcWdm(name, "cdc-wdm0");
                source.Publish(UeventAction.Add, "/devices/usb2/2-6/2-6:3.0/usbmisc/cdc-wdm0", "usbmisc");
            },
        };
        var outcome = await new BindingExecutor(root.Sys, kernel).ApplyAsync(plan, appeared.BusPath, Quick, timeout.Token);
        Assert.True(outcome.Succeeded, outcome.Failure?.Reason);

        DeviceChange settled;
        do
        {
            Assert.True(await changes.MoveNextAsync());
            settled = changes.Current;
        }
        while (!settled.Device!.Ports.Any(p => p.Kind == DevicePortKind.CdcWdm));
        Assert.Equal((DeviceChangeKind.Changed, 3), (settled.Kind, settled.Device.Device.ActiveConfiguration));
        Assert.Equal(new DevicePort("cdc-wdm0", DevicePortKind.CdcWdm, 0, "cdc_mbim", Path.Combine(root.Dev, "cdc-wdm0")), settled.Device.Ports.Single(p => p.Kind == DevicePortKind.CdcWdm));
    }

    [Fact]
    public async Task Seed002_RegistersThenGoesAwayAgainAndAgain_LoopDetectedAndExecutorStops()
    {
        var device = SeedDevices.Enumerated(SeedDevices.Load("seed-002"), "1-1", 1, new Dictionary<int, string> { [0] = "qmi_wwan" });
        var detector = new ReenumerationLoopDetector(3, TimeSpan.FromSeconds(60));
        await using var changes = Watch();
        ReenumerationVerdict? verdict = null;

        for (var cycle = 0; cycle < 3; cycle++)
        {
            tree.AddDevice(device, "1-1");
            Assert.True(await changes.MoveNextAsync());
            Assert.Equal(DeviceChangeKind.Appeared, changes.Current.Kind);
            verdict = detector.Record(changes.Current.BusPath);
            tree.RemoveDevice("1-1");
            Assert.True(await changes.MoveNextAsync());
            Assert.Equal(DeviceChangeKind.Gone, changes.Current.Kind);
        }
        tree.AddDevice(device, "1-1");
        var plan = CompositionPlanner.Plan(device, KnowledgeBaseData.Embedded, CompositionPolicy.PreferMbim);
        var kernel = new FakeKernel(tree);
        var outcome = await new BindingExecutor(root.Sys, kernel, loopDetector: detector).ApplyAsync(plan, "1-1", Quick, timeout.Token);

        Assert.True(verdict!.IsLoop);
        Assert.Empty(kernel.Writes);
        Assert.Equal(verdict.Reason, outcome.Failure!.Reason);
    }
}
