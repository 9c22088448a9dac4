using WwanDaemon.Linux.Uevents;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests.Machine;

/// <summary>
/// Seed 004's HP lt4112 plugged into the simulated machine: the kernel's configuration choice, the
/// driver tables (qcserial taking the MBIM interfaces), and what a host's writes to sysfs do.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit v2 disposes test classes through IAsyncLifetime.DisposeAsync")]
public sealed class SimulatedMachineTests : IAsyncLifetime
{
    private const string BusPath = "2-6";
    private readonly SimulatedMachine machine = SimulatedMachine.Create();
    private readonly UeventRecorder uevents;

    public SimulatedMachineTests() => uevents = new UeventRecorder(machine.Uevents);

    private string Sys(string path) => Path.Combine(machine.SysRoot, path);

    private async Task<SimulatedMachineDevice> PlugLt4112Async() =>
        await machine.PlugAsync(new SimulatedModem(MachineProfiles.HpLt4112), BusPath);

    /// <summary>Writes as the daemon (or a shell's echo) does: open, write, close.</summary>
    private static Task WriteAsync(string path, string value) => File.WriteAllTextAsync(path, value + "\n");

    private async Task<SimulatedMachineDevice> PlugInMbimConfigurationAsync()
    {
        var device = await PlugLt4112Async();
        await WriteAsync(Sys($"bus/usb/devices/{BusPath}/bConfigurationValue"), "3");
        await uevents.WaitForAsync(UeventAction.Bind, "2-6:3.2", "qcserial");
        return device;
    }

    [Fact]
    public async Task Plug_Lt4112_KernelPicksEcmConfigurationWithKernelLayout()
    {
        var device = await PlugLt4112Async();

        Assert.Equal(2, device.Configuration);
        Assert.Equal("2", File.ReadAllText(Sys("bus/usb/devices/2-6/bConfigurationValue")).Trim());
        Assert.Equal("03f0", File.ReadAllText(Sys("devices/usb2/2-6/idVendor")).Trim());
        Assert.Equal("cdc_ether", device.DriverOf(0));
        Assert.Equal("cdc_ether", device.DriverOf(1)); // the claimed data interface
        Assert.Equal("qcserial", device.DriverOf(2));
        Assert.Equal("cdc_ether", Path.GetFileName(new FileInfo(Sys("bus/usb/devices/2-6:2.0/driver")).ResolveLinkTarget(false)!.FullName));
        Assert.True(File.Exists(Sys("devices/usb2/2-6/2-6:2.0/net/usb0/ifindex")));
        Assert.Equal("188:0", File.ReadAllText(Sys("devices/usb2/2-6/2-6:2.2/ttyUSB0/tty/ttyUSB0/dev")).Trim());
        Assert.True(Directory.Exists(Sys("class/tty/ttyUSB0")));
        Assert.StartsWith("/dev/pts/", new FileInfo(Path.Combine(machine.DevRoot, "ttyUSB0")).LinkTarget);
        var add = await uevents.WaitForAsync(UeventAction.Add, "/devices/usb2/2-6");
        Assert.Equal("usb_device", add.DevType);
        Assert.Equal("3f0/581d/228", add.Properties["PRODUCT"]);
        var tty = await uevents.WaitForAsync(UeventAction.Add, "/tty/ttyUSB0");
        Assert.Equal("ttyUSB0", tty.DevName);
        Assert.Equal("tty", tty.Subsystem);
        // Kernel order: the device, its interfaces, the class devices, the interface's bind, the device's bind (the last one).
        Assert.Equal("usb", (await uevents.WaitForAsync(UeventAction.Bind, "/devices/usb2/2-6")).Driver);
        var order = uevents.Events.Select(e => $"{e.Action} {e.DevPath}").ToList();
        Assert.True(order.IndexOf("Add /devices/usb2/2-6/2-6:2.2") < order.IndexOf("Add /devices/usb2/2-6/2-6:2.2/ttyUSB0/tty/ttyUSB0"));
        Assert.True(order.IndexOf("Add /devices/usb2/2-6/2-6:2.2/ttyUSB0/tty/ttyUSB0") < order.IndexOf("Bind /devices/usb2/2-6/2-6:2.2"));
        Assert.True(order.IndexOf("Bind /devices/usb2/2-6/2-6:2.2") < order.IndexOf("Bind /devices/usb2/2-6"));
    }

    [Fact]
    public async Task ConfigurationWrite_MbimConfiguration_ReenumeratesAndQcserialClaimsTheMbimInterfaces()
    {
        var device = await PlugInMbimConfigurationAsync();

        await uevents.WaitForAsync(UeventAction.Remove, "/devices/usb2/2-6/2-6:2.0");
        Assert.Equal(3, device.Configuration);
        Assert.Equal(["qcserial", "qcserial", "qcserial"], device.Interfaces.Select(i => i.Driver));
        Assert.False(Directory.Exists(Sys("devices/usb2/2-6/2-6:2.0")));
        Assert.False(Path.Exists(Sys("class/net/usb0")));
        // qcserial 1-6:3.2 -> ttyUSB2, as in the seed's log: one port per interface it took.
        Assert.Equal(["ttyUSB2"], device.Interfaces.Single(i => i.Number == 2).Nodes);
    }

    [Fact]
    public async Task UnbindThenBind_CdcMbim_CdcWdmAndWwanAppearAndThePtyAnswersMbim()
    {
        await PlugInMbimConfigurationAsync();

        // Bjørn Mork's workaround in seed 004, written back to back as a shell would.
        await WriteAsync(Sys("bus/usb/devices/2-6:3.0/driver/unbind"), "2-6:3.0");
        await WriteAsync(Sys("bus/usb/devices/2-6:3.1/driver/unbind"), "2-6:3.1");
        await WriteAsync(Sys("bus/usb/drivers/cdc_mbim/bind"), "2-6:3.0");

        await uevents.WaitForAsync(UeventAction.Bind, "2-6:3.0", "cdc_mbim");
        var device = machine.Device(BusPath)!;
        Assert.Equal("cdc_mbim", device.DriverOf(0));
        Assert.Equal("cdc_mbim", device.DriverOf(1));
        Assert.Empty(machine.WriteFailures);
        Assert.Equal("180:176", File.ReadAllText(Sys("class/usbmisc/cdc-wdm0/dev")).Trim());
        Assert.Equal("2-6:3.0", Path.GetFileName(new FileInfo(Sys("devices/usb2/2-6/2-6:3.0/usbmisc/cdc-wdm0/device")).ResolveLinkTarget(true)!.FullName));
        Assert.True(File.Exists(Sys("class/net/wwan0/ifindex")));
        Assert.Equal("wwan", (await uevents.WaitForAsync(UeventAction.Add, "/net/wwan0")).DevType);

        var (exit, output) = await ReferenceTool.RunAsync("mbimcli", "-d", Path.Combine(machine.DevRoot, "cdc-wdm0"), "--query-device-caps", "--no-close");
        Assert.True(exit == 0, output);
        Assert.Contains(MachineProfiles.HpLt4112.Imei, output);
    }

    [Fact]
    public async Task Bind_InterfaceStillBound_RecordsEbusyAndChangesNothing()
    {
        var device = await PlugInMbimConfigurationAsync();
        var failed = new TaskCompletionSource<KernelWriteFailure>(TaskCreationOptions.RunContinuationsAsynchronously);
        machine.WriteFailed += f => failed.TrySetResult(f);

        await WriteAsync(Sys("bus/usb/drivers/cdc_mbim/bind"), "2-6:3.0");

        var failure = await failed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(16, failure.Errno);
        Assert.Equal("qcserial", device.DriverOf(0));
    }

    [Fact]
    public async Task Bind_DriverTableDoesNotMatch_RecordsEnodev()
    {
        await PlugInMbimConfigurationAsync();
        await WriteAsync(Sys("bus/usb/devices/2-6:3.2/driver/unbind"), "2-6:3.2");
        await uevents.WaitForAsync(UeventAction.Unbind, "2-6:3.2");
        var failed = new TaskCompletionSource<KernelWriteFailure>(TaskCreationOptions.RunContinuationsAsynchronously);
        machine.WriteFailed += f => failed.TrySetResult(f);

        await WriteAsync(Sys("bus/usb/drivers/cdc_mbim/bind"), "2-6:3.2");

        Assert.Equal(19, (await failed.Task.WaitAsync(TimeSpan.FromSeconds(20))).Errno);
        Assert.Null(machine.Device(BusPath)!.DriverOf(2));
    }

    [Fact]
    public async Task ConfigurationWrite_QmiConfiguration_QmicliReadsTheModemAndRawIpFollowsWrites()
    {
        await PlugLt4112Async();

        await WriteAsync(Sys("bus/usb/devices/2-6/bConfigurationValue"), "1");
        await uevents.WaitForAsync(UeventAction.Bind, "2-6:1.3", "qmi_wwan");

        var (exit, output) = await ReferenceTool.RunAsync("qmicli", "-d", Path.Combine(machine.DevRoot, "cdc-wdm0"), "--device-open-qmi", "--dms-get-ids");
        Assert.True(exit == 0, output);
        Assert.Contains(MachineProfiles.HpLt4112.Imei, output);

        var rawIp = Sys("class/net/wwan0/qmi/raw_ip");
        Assert.Equal("N", File.ReadAllText(rawIp).Trim());
        await WriteAsync(rawIp, "Y");
        await ReferenceTool.WaitUntilAsync(() => File.ReadAllText(Sys("class/net/wwan0/type")).Trim() == "65534", "wwan0's type becoming ARPHRD_NONE");
        Assert.Equal("Y", File.ReadAllText(rawIp).Trim());
    }

    [Fact]
    public async Task NewId_QmiWwanOnUnboundInterfaces_BindsTheQmiShapedOneAndLogsTheOtherProbeFailure()
    {
        var device = await PlugLt4112Async();
        await WriteAsync(Sys("bus/usb/devices/2-6/bConfigurationValue"), "1");
        await uevents.WaitForAsync(UeventAction.Bind, "2-6:1.3", "qmi_wwan");
        // Seed 004's state before the fix: qmi_wwan and qcserial off 1.3 and 1.4.
        await WriteAsync(Sys("bus/usb/drivers/qmi_wwan/unbind"), "2-6:1.3");
        await WriteAsync(Sys("bus/usb/drivers/qcserial/unbind"), "2-6:1.4");
        await uevents.WaitForAsync(UeventAction.Unbind, "2-6:1.4");
        await uevents.WaitForAsync(UeventAction.Unbind, "2-6:1.3");

        await WriteAsync(Sys("bus/usb/drivers/qmi_wwan/new_id"), "03f0 581d");

        await ReferenceTool.WaitUntilAsync(() => device.DriverOf(3) == "qmi_wwan", "qmi_wwan binding 2-6:1.3 through new_id");
        await ReferenceTool.WaitUntilAsync(
            () => machine.KernelLog.Any(line => line.StartsWith("qmi_wwan: probe of 2-6:1.4 failed with error -22", StringComparison.Ordinal)),
            "the kernel log reporting qmi_wwan's failed probe of 2-6:1.4 (seed 004)");
        Assert.Null(device.DriverOf(4));
        Assert.Empty(machine.WriteFailures); // probe failures during new_id are logged, not returned to the writer
    }

    [Fact]
    public async Task Unplug_HostHoldingTheTtyOpen_SeesTheHangUpAndEverythingGoes()
    {
        await PlugLt4112Async();
        var node = Path.Combine(machine.DevRoot, "ttyUSB0");
        await using var host = WwanDaemon.Linux.Terminals.CharacterDevice.Open(node);
        var read = host.ReadAsync(new byte[16]).AsTask();

        await machine.UnplugAsync(BusPath);

        int? count = null;
        IOException? hangUp = null;
        try
        {
            count = await read.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (IOException failure)
        {
            hangUp = failure;
        }
        Assert.True(hangUp is not null || count == 0, $"expected EIO or end of file, read {count} bytes");
        Assert.False(Path.Exists(node));
        Assert.False(Directory.Exists(Sys("devices/usb2/2-6")));
        Assert.False(Path.Exists(Sys("bus/usb/devices/2-6")));
        Assert.False(Path.Exists(Sys("class/tty/ttyUSB0")));
        await uevents.WaitForAsync(UeventAction.Remove, "/devices/usb2/2-6");
        Assert.False(machine.Device(BusPath)?.Present ?? false);
    }

    [Fact]
    public async Task CompositionSwitch_Sim7600AtCommand_DeviceComesBackAsQmiComposition()
    {
        await machine.PlugAsync(new SimulatedModem(Profiles.Get("sim7600-rndis")), "1-6");
        var device = machine.Device("1-6")!;
        Assert.Equal("rndis_host", device.DriverOf(0));
        var atPort = device.Interfaces.Single(i => i.Number == 4).Nodes.Single();
        await using var host = WwanDaemon.Linux.Terminals.CharacterDevice.Open(Path.Combine(machine.DevRoot, atPort));

        await host.WriteAsync("AT+CUSBPIDSWITCH=9001,1,1\r"u8.ToArray());

        await uevents.WaitForAsync(UeventAction.Remove, "/devices/usb1/1-6");
        await uevents.WaitForAsync(UeventAction.Bind, "1-6:1.5", "qmi_wwan");
        Assert.Equal("1e0e:9001", device.UsbId);
        Assert.Equal("9001", File.ReadAllText(Sys("bus/usb/devices/1-6/idProduct")).Trim());
        Assert.True(Path.Exists(Path.Combine(machine.DevRoot, "cdc-wdm0")));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>xUnit v2 calls IAsyncLifetime.DisposeAsync (not IAsyncDisposable): the machine's ptys, loop and temporary root go here.</summary>
    public async Task DisposeAsync()
    {
        await uevents.DisposeAsync();
        await machine.DisposeAsync();
        Assert.False(Directory.Exists(machine.Root), $"the machine's temporary root {machine.Root} was left behind");
    }
}
