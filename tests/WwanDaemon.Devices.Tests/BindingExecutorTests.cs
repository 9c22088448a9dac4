using WwanDaemon.Composition.Planning;
using WwanDaemon.Devices.Binding;
using WwanDaemon.Devices.Inventory;
using WwanDaemon.Linux.Sysfs;
using WwanDaemon.Simulator.Sysfs;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Devices.Tests;

public sealed class BindingExecutorTests : IDisposable
{
    private static readonly BindingOptions Quick = new()
    {
        ReenumerationTimeout = TimeSpan.FromSeconds(5),
        DriverSettleTimeout = TimeSpan.FromMilliseconds(300),
        BindTimeout = TimeSpan.FromSeconds(5),
        PollInterval = TimeSpan.FromMilliseconds(10),
    };

    private readonly TemporaryDirectory root = new();
    private readonly FakeSysfsTree tree;

    public BindingExecutorTests()
    {
        tree = new FakeSysfsTree(root.Sys);
        foreach (var driver in new[] { "qcserial", "cdc_ether", "cdc_mbim", "qmi_wwan" })
        {
            tree.AddDriver(driver);
        }
    }

    public void Dispose() => root.Dispose();

    /// <summary>
    /// Seed 004's kernel: configuration 3 comes up with qcserial on 0, 1 and 2; binding cdc_mbim to
    /// the MBIM control interface claims its data interface and makes cdc-wdm0 and wwan0.
    /// </summary>
    private FakeKernel Seed004Kernel(TimeSpan reactionDelay = default) => new(tree)
    {
        Reenumerated = (busPath, configuration) => SeedDevices.Lt4112(busPath, configuration),
        Bound = (name, driver) =>
        {
            if (driver == "cdc_mbim" && name == "2-6:3.0")
            {
                tree.BindDriver("2-6:3.1", "cdc_mbim");
                tree.AddCdcWdm(name, "cdc-wdm0");
                tree.AddNetworkInterface(name, "wwan0");
            }
        },
        ReactionDelay = reactionDelay,
    };

    private CompositionPlan PlanFromTree(string busPath, CompositionPolicy policy) =>
        CompositionPlanner.Plan(new SysfsUsbReader(root.Sys).Read(busPath), KnowledgeBaseData.Embedded, policy);

    private static readonly (string, string)[] Seed004Writes =
    [
        ("bus/usb/devices/2-6/bConfigurationValue", "3"),
        ("bus/usb/drivers/qcserial/unbind", "2-6:3.0"),
        ("bus/usb/drivers/qcserial/unbind", "2-6:3.1"),
        ("bus/usb/drivers/cdc_mbim/bind", "2-6:3.0"),
    ];

    [Fact]
    public async Task Seed004_PreferMbim_SelectsThreeUnbindsQcserialAndBindsCdcMbim()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.PreferMbim);
        var kernel = Seed004Kernel();

        var outcome = await new BindingExecutor(root.Sys, kernel).ApplyAsync(plan, "2-6", Quick, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Failure?.Reason);
        Assert.Equal(Seed004Writes, kernel.Writes.ToArray());
        Assert.Equal([PlanActionKind.SetConfiguration, PlanActionKind.Unbind, PlanActionKind.Unbind, PlanActionKind.Bind], outcome.Applied.Select(a => a.Kind));
        Assert.Equal(Path.Combine(root.Sys, "bus/usb/drivers/cdc_mbim/bind"), outcome.Applied[^1].Path);
        var device = new DeviceInventory(root.Sys, root.Dev).Read("2-6")!;
        Assert.Equal(3, device.Device.ActiveConfiguration);
        Assert.Contains(new DevicePort("cdc-wdm0", DevicePortKind.CdcWdm, 0, "cdc_mbim", Path.Combine(root.Dev, "cdc-wdm0")), device.Ports);
        Assert.Contains(new DevicePort("wwan0", DevicePortKind.Net, 0, "cdc_mbim", null), device.Ports);
        Assert.Equal("qcserial", device.Device.Active!.Interfaces.Single(i => i.Number == 2).Driver); // the serial port stays
    }

    [Fact]
    public async Task Seed004_SlowKernel_WaitsForReenumerationAndEachDriverLink()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.PreferMbim);
        var kernel = Seed004Kernel(reactionDelay: TimeSpan.FromMilliseconds(100));

        var outcome = await new BindingExecutor(root.Sys, kernel).ApplyAsync(plan, "2-6", Quick, CancellationToken.None);
        await kernel.Settled();

        Assert.True(outcome.Succeeded, outcome.Failure?.Reason);
        Assert.Equal(Seed004Writes, kernel.Writes.ToArray());
        Assert.Equal("cdc_mbim", new SysfsUsbReader(root.Sys).Read("2-6").Active!.Interfaces.Single(i => i.Number == 0).Driver);
    }

    [Fact]
    public async Task Seed004_AppliedTwice_SecondRunSkipsEverything()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.PreferMbim);
        var kernel = Seed004Kernel();
        var executor = new BindingExecutor(root.Sys, kernel);
        await executor.ApplyAsync(plan, "2-6", Quick, CancellationToken.None);
        kernel.Writes.Clear();

        var again = await executor.ApplyAsync(plan, "2-6", Quick, CancellationToken.None);

        Assert.True(again.Succeeded, again.Failure?.Reason);
        Assert.Empty(kernel.Writes);
        Assert.Equal(
            ["configuration 3 is already active", "interface 2-6:3.0 already belongs to cdc_mbim", "interface 2-6:3.1 already belongs to cdc_mbim", "interface 2-6:3.0 already belongs to cdc_mbim"],
            again.Skipped.Select(s => s.Reason));
    }

    [Fact]
    public async Task KeepPolicy_NeverWritesTheConfiguration_OnlyFixesDrivers()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 3), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.Keep);
        // Even a plan that asks for it (made by hand, or by an older planner) does not change a pinned configuration.
        plan = plan with { Actions = [new PlanAction(PlanActionKind.SetConfiguration, null, null, "/sys/bus/usb/devices/2-6/bConfigurationValue", "1", "test"), .. plan.Actions] };
        var kernel = Seed004Kernel();

        var outcome = await new BindingExecutor(root.Sys, kernel).ApplyAsync(plan, "2-6", Quick, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Failure?.Reason);
        Assert.DoesNotContain(kernel.Writes, w => w.Path.EndsWith("bConfigurationValue", StringComparison.Ordinal));
        Assert.Equal(Seed004Writes[1..], kernel.Writes.ToArray());
        Assert.Contains(outcome.Skipped, s => s.Action.Kind == PlanActionKind.SetConfiguration && s.Reason.Contains("policy keep", StringComparison.Ordinal));
        Assert.Equal("3\n", File.ReadAllText(Path.Combine(tree.DevicePath("2-6"), "bConfigurationValue")));
    }

    [Fact]
    public async Task DriverNotLoaded_StopsAtTheBind_NamingDeviceFileErrnoAndModprobe()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.PreferMbim);
        Directory.Delete(Path.Combine(root.Sys, "bus", "usb", "drivers", "cdc_mbim"), recursive: true);

        var outcome = await new BindingExecutor(root.Sys, Seed004Kernel()).ApplyAsync(plan, "2-6", Quick, CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Equal(3, outcome.Applied.Count); // configuration and both unbinds are reported, not lost
        var failure = outcome.Failure!;
        Assert.Equal((PlanActionKind.Bind, 2), (failure.Action!.Kind, failure.Errno));
        Assert.Equal(Path.Combine(root.Sys, "bus/usb/drivers/cdc_mbim/bind"), failure.File);
        Assert.Contains("HP lt4112 Gobi 4G Module (03f0:581d at 2-6)", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("errno 2", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("modprobe cdc_mbim", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BindBusy_StopsWithEbusyAndTheUnbindCommand()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.PreferMbim);
        var kernel = Seed004Kernel();
        kernel.Fail("cdc_mbim/bind", 16);

        var outcome = await new BindingExecutor(root.Sys, kernel).ApplyAsync(plan, "2-6", Quick, CancellationToken.None);

        Assert.Equal(16, outcome.Failure!.Errno);
        Assert.Contains("errno 16", outcome.Failure.Reason, StringComparison.Ordinal);
        Assert.Contains("echo 2-6:3.0 > /sys/bus/usb/devices/2-6:3.0/driver/unbind", outcome.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeviceGoneDuringConfigurationWrite_StopsWithNothingApplied()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.PreferMbim);
        var kernel = Seed004Kernel();
        kernel.Fail("bConfigurationValue", 19);

        var outcome = await new BindingExecutor(root.Sys, kernel).ApplyAsync(plan, "2-6", Quick, CancellationToken.None);

        Assert.Empty(outcome.Applied);
        Assert.Equal((PlanActionKind.SetConfiguration, 19), (outcome.Failure!.Action!.Kind, outcome.Failure.Errno));
        Assert.Contains("went away during the write", outcome.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unplugged_ConfigurationFileMissing_StopsSayingTheDeviceIsGone()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.PreferMbim);
        tree.RemoveDevice("2-6");

        var outcome = await new BindingExecutor(root.Sys, Seed004Kernel()).ApplyAsync(plan, "2-6", Quick, CancellationToken.None);

        Assert.Equal(2, outcome.Failure!.Errno);
        Assert.Contains("unplugged or is re-enumerating", outcome.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConfigurationNeverComesUp_TimesOutNamingTheMissingInterfaces()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.PreferMbim);
        var kernel = new FakeKernel(tree); // writes land, but the device never re-enumerates

        var outcome = await new BindingExecutor(root.Sys, kernel).ApplyAsync(plan, "2-6", Quick with { ReenumerationTimeout = TimeSpan.FromMilliseconds(200) }, CancellationToken.None);

        Assert.Single(outcome.Applied);
        Assert.Null(outcome.Failure!.Errno);
        Assert.Contains("selected configuration 3, but after 0.2 s interfaces 2-6:3.0, 2-6:3.1, 2-6:3.2", outcome.Failure.Reason, StringComparison.Ordinal);
        Assert.Contains("policy keep", outcome.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BindRefused_DriverLinkNeverAppears_TimesOut()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 3), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.PreferMbim);
        var kernel = new FakeKernel(tree) { Bound = (name, _) => tree.UnbindDriver(name) }; // probe fails: nothing stays bound

        var outcome = await new BindingExecutor(root.Sys, kernel).ApplyAsync(plan, "2-6", Quick with { BindTimeout = TimeSpan.FromMilliseconds(200) }, CancellationToken.None);

        Assert.Equal(PlanActionKind.Bind, outcome.Failure!.Action!.Kind);
        Assert.Contains("interface 2-6:3.0 belongs to no driver, not cdc_mbim", outcome.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoopingDevice_IsNotTouched()
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.PreferMbim);
        var detector = new ReenumerationLoopDetector(2, TimeSpan.FromSeconds(30));
        detector.Record("2-6", DateTimeOffset.UnixEpoch);
        detector.Record("2-6", DateTimeOffset.UnixEpoch.AddSeconds(3));
        var kernel = Seed004Kernel();

        var outcome = await new BindingExecutor(root.Sys, kernel, loopDetector: detector).ApplyAsync(plan, "2-6", Quick, CancellationToken.None);

        Assert.Empty(kernel.Writes);
        Assert.Null(outcome.Failure!.Action);
        Assert.Contains("keeps re-enumerating", outcome.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanFromADump_ForAnotherBusPath_IsAimedAtThisDevice()
    {
        tree.AddDevice(SeedDevices.Lt4112("3-1", 2), "3-1");
        var plan = CompositionPlanner.Plan(SeedDevices.Lt4112("2-6", 2), KnowledgeBaseData.Embedded, CompositionPolicy.PreferMbim);
        var kernel = new FakeKernel(tree)
        {
            Reenumerated = (busPath, configuration) => SeedDevices.Lt4112(busPath, configuration),
            Bound = (name, driver) => tree.BindDriver("3-1:3.1", driver),
        };

        var outcome = await new BindingExecutor(root.Sys, kernel).ApplyAsync(plan, "3-1", Quick, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Failure?.Reason);
        Assert.Equal(Seed004Writes.Select(w => (w.Item1.Replace("2-6", "3-1", StringComparison.Ordinal), w.Item2.Replace("2-6", "3-1", StringComparison.Ordinal))), kernel.Writes);
    }

    [Fact]
    public async Task OptInModeSwitch_SkippedUnlessAllowed_ThenSentAndAwaitsReenumeration()
    {
        var switchAction = new PlanAction(PlanActionKind.AtModeSwitch, 4, null, "the AT port on interface 4", "AT+CUSBPIDSWITCH=9001,1,1", "test", OptIn: true);
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.Keep) with { Actions = [switchAction] };
        var executor = new BindingExecutor(root.Sys, new FakeKernel(tree));
        var sent = new List<string>();

        var notAllowed = await executor.ApplyAsync(plan, "2-6", Quick, CancellationToken.None);
        var allowed = await executor.ApplyAsync(plan, "2-6", Quick with
        {
            AllowOptInActions = true,
            SendAtModeSwitch = (action, _) => { sent.Add(action.Value); return Task.CompletedTask; },
        }, CancellationToken.None);
        var noSender = await executor.ApplyAsync(plan, "2-6", Quick with { AllowOptInActions = true }, CancellationToken.None);

        Assert.Contains("opt-in", Assert.Single(notAllowed.Skipped).Reason, StringComparison.Ordinal);
        Assert.Equal(["AT+CUSBPIDSWITCH=9001,1,1"], sent);
        Assert.True(allowed.AwaitsReenumeration);
        Assert.Contains(nameof(BindingOptions.SendAtModeSwitch), noSender.Failure!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModeSwitchSenderFails_StopsWithTheReasonInsteadOfThrowing()
    {
        var switchAction = new PlanAction(PlanActionKind.AtModeSwitch, 4, null, "the AT port on interface 4", "AT+CUSBPIDSWITCH=9001,1,1", "test", OptIn: true);
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.Keep) with { Actions = [switchAction] };

        var outcome = await new BindingExecutor(root.Sys, new FakeKernel(tree)).ApplyAsync(plan, "2-6", Quick with
        {
            AllowOptInActions = true,
            SendAtModeSwitch = (_, _) => throw new IOException("ttyUSB2 went away"),
        }, CancellationToken.None);

        Assert.Contains("through the AT port on interface 4 failed: ttyUSB2 went away", outcome.Failure!.Reason, StringComparison.Ordinal);
        Assert.False(outcome.AwaitsReenumeration);
    }

    [Theory]
    [InlineData("/etc/passwd")]
    [InlineData("/sys/../etc/passwd")]
    public async Task PlanWritingOutsideSys_IsRefusedNotWritten(string path)
    {
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        var plan = PlanFromTree("2-6", CompositionPolicy.Keep) with { Actions = [new PlanAction(PlanActionKind.NewId, 0, "qmi_wwan", path, "03f0 581d", "test")] };
        var kernel = new FakeKernel(tree);

        var outcome = await new BindingExecutor(root.Sys, kernel).ApplyAsync(plan, "2-6", Quick, CancellationToken.None);

        Assert.Empty(kernel.Writes);
        Assert.Contains("not under /sys", outcome.Failure!.Reason, StringComparison.Ordinal);
    }
}
