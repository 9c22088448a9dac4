using WwanDaemon.Linux.Uevents;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests.Machine;

/// <summary>Refused control-file writes, CDC function release and the uevents of class devices.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001", Justification = "xUnit v2 disposes test classes through IAsyncLifetime.DisposeAsync")]
public sealed class SimulatedMachineControlTests : IAsyncLifetime
{
    private readonly SimulatedMachine machine = SimulatedMachine.Create();
    private readonly UeventRecorder uevents;

    public SimulatedMachineControlTests() => uevents = new UeventRecorder(machine.Uevents);

    private string Sys(string path) => Path.Combine(machine.SysRoot, path);

    private static Task WriteAsync(string path, string value) => File.WriteAllTextAsync(path, value + "\n");

    [Fact]
    public async Task ConfigurationWrite_ConfigurationTheDeviceLacks_RecordsEinvalAndKeepsTheFile()
    {
        var device = await machine.PlugAsync(new SimulatedModem(MachineProfiles.HpLt4112), "2-6");
        var file = Sys("bus/usb/devices/2-6/bConfigurationValue");

        await WriteAsync(file, "7");
        await machine.ProcessControlWritesAsync();

        var failure = Assert.Single(machine.WriteFailures);
        Assert.Equal(22, failure.Errno);
        Assert.Equal("7", failure.Written);
        Assert.Equal("2", File.ReadAllText(file).Trim());
        Assert.Equal(2, device.Configuration);
    }

    [Fact]
    public async Task Unbind_DataInterfaceOfCdcFunction_ReleasesBothInterfacesAndTheirNodes()
    {
        var device = await machine.PlugAsync(new SimulatedModem(MachineProfiles.HpLt4112), "2-6");
        Assert.Equal(["usb0"], device.Interfaces.Single(i => i.Number == 0).Nodes);

        await WriteAsync(Sys("bus/usb/drivers/cdc_ether/unbind"), "2-6:2.1");

        await uevents.WaitForAsync(UeventAction.Unbind, "/2-6:2.0");
        Assert.Null(device.DriverOf(0));
        Assert.Null(device.DriverOf(1));
        Assert.False(Path.Exists(Sys("class/net/usb0")));
        Assert.False(Path.Exists(Sys("devices/usb2/2-6/2-6:2.0/driver")));
        var removed = await uevents.WaitForAsync(UeventAction.Remove, "/net/usb0");
        Assert.Equal("usb0", removed.Interface);
        Assert.Equal("net", removed.Subsystem);
    }

    [Fact]
    public async Task Plug_ClassDevices_CarryTheKernelsUeventProperties()
    {
        await machine.PlugAsync(new SimulatedModem(Profiles.Get("sim7600-rndis")), "1-6");

        var tty = await uevents.WaitForAsync(UeventAction.Add, "/ttyUSB2/tty/ttyUSB2");
        Assert.Equal("188", tty.Properties["MAJOR"]);
        Assert.Equal("2", tty.Properties["MINOR"]);
        Assert.Equal("/devices/usb1/1-6/1-6:1.4/ttyUSB2/tty/ttyUSB2", tty.DevPath);
        var @interface = await uevents.WaitForAsync(UeventAction.Bind, "/devices/usb1/1-6/1-6:1.4", "option");
        Assert.Equal("usb_interface", @interface.DevType);
        Assert.Equal("255/0/0", @interface.Properties["INTERFACE"]);
        var port = await uevents.WaitForAsync(UeventAction.Bind, "/1-6:1.4/ttyUSB2", "option1");
        Assert.Equal("usb-serial", port.Subsystem);
        Assert.Contains("DRIVER=option", File.ReadAllText(Sys("bus/usb/devices/1-6:1.4/uevent")));
        Assert.Equal("ttyUSB2", new FileInfo(Sys("class/tty/ttyUSB2")).LinkTarget!.Split('/')[^1]);
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
