using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Supervision.Tests;

/// <summary>IModemCommands through the fleet: routed by modem id to the running lifecycle; Reset restarts the device's supervisor.</summary>
public sealed class FleetCommandTests
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Commands_AreRoutedById_ToThatModemsLifecycle()
    {
        await using var fleet = await MachineFleet.StartAsync();
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        await fleet.Machine.PlugAsync(modem, "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);
        var commands = fleet.Fleet.Commands ?? ((IModemFleet)fleet.Fleet).Commands;
        Assert.NotNull(commands);

        await commands!.DisconnectAsync("2-6", CancellationToken.None).WaitAsync(CommandTimeout);
        Assert.Equal(ModemState.Registered, fleet.Fleet.Find("2-6")!.State);
        Assert.Empty(modem.Sessions);

        await commands.ConnectAsync("2-6", new ConnectRequest("internet"), CancellationToken.None).WaitAsync(CommandTimeout);
        var connected = fleet.Fleet.Find("2-6")!;
        Assert.Equal(ModemState.Connected, connected.State);
        Assert.Single(modem.Sessions);
        Assert.NotNull(connected.Ip);
    }

    [Fact]
    public async Task Snapshot_ListsThePortsByRole_AndTheBoundDrivers()
    {
        await using var fleet = await MachineFleet.StartAsync();
        await fleet.Machine.PlugAsync(new SimulatedModem(MachineProfiles.HpLt4112), "2-6");

        var connected = await fleet.WaitForStateAsync("2-6", ModemState.Connected);

        Assert.Contains(connected.Ports, p => p.Type == ModemPortType.Mbim && p.Name.StartsWith("cdc-wdm", StringComparison.Ordinal));
        Assert.Contains(connected.Ports, p => p.Type == ModemPortType.Net && p.Name.StartsWith("wwan", StringComparison.Ordinal));
        Assert.All(connected.Ports, p => Assert.DoesNotContain("/dev/", p.Name, StringComparison.Ordinal));
        Assert.Contains("cdc_mbim", connected.Drivers);
        Assert.Equal(connected.Drivers.Distinct().Count(), connected.Drivers.Count);
    }

    [Fact]
    public async Task Commands_ForAnUnknownId_FailWithUnknownModem()
    {
        await using var fleet = await MachineFleet.StartAsync();

        var error = await Assert.ThrowsAsync<ModemCommandException>(() => fleet.Supervisor.DisconnectAsync("9-9", CancellationToken.None));
        var reset = await Assert.ThrowsAsync<ModemCommandException>(() => fleet.Supervisor.ResetAsync("9-9", CancellationToken.None));

        Assert.Equal(ModemCommandError.UnknownModem, error.Error);
        Assert.Equal(ModemCommandError.UnknownModem, reset.Error);
        Assert.Contains("9-9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reset_RestartsTheDevicesSupervisor_WhichConnectsAgainWithANewSession()
    {
        await using var fleet = await MachineFleet.StartAsync();
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);
        await fleet.Machine.PlugAsync(modem, "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);
        var before = fleet.Supervisor.Find("2-6");
        var first = Assert.Single(modem.Sessions);
        fleet.ForgetHistory();

        await fleet.Supervisor.ResetAsync("2-6", CancellationToken.None).WaitAsync(CommandTimeout);

        Assert.NotSame(before, fleet.Supervisor.Find("2-6"));
        await fleet.WaitForAsync("2-6", s => s.State == ModemState.Connected && modem.Sessions.Count == 1 && modem.Sessions[0].Handle != first.Handle, "connected again with a new session");
        Assert.Contains(ModemState.Initializing, fleet.StatesOf("2-6"));
    }

    [Fact]
    public async Task Commands_BeforeTheLifecycleRuns_FailWithWrongState_NamingTheState()
    {
        await using var fleet = await MachineFleet.StartAsync();
        await fleet.Machine.PlugAsync(new SimulatedModem(MachineProfiles.HpLt4112), "2-6");
        await fleet.WaitForAsync("2-6", _ => fleet.Supervisor.Find("2-6") is { Phase: not SupervisionPhase.Running }, "a supervisor not running its lifecycle yet", TimeSpan.FromSeconds(5));

        var error = await Record.ExceptionAsync(() => fleet.Supervisor.SetEnabledAsync("2-6", false, CancellationToken.None).WaitAsync(CommandTimeout));

        // Depending on timing the lifecycle may already run; when it does not, the error names the state.
        if (error is ModemCommandException refused)
        {
            Assert.Equal(ModemCommandError.WrongState, refused.Error);
            Assert.Contains("not up yet", refused.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Null(error);
            await fleet.WaitForStateAsync("2-6", ModemState.Disabled);
        }
    }

    [Fact]
    public async Task Devices_ListsADeviceThatIsNotAModem_AndForgetsItOnUnplug()
    {
        await using var fleet = await MachineFleet.StartAsync();
        var changes = 0;
        fleet.Fleet.DevicesChanged += () => Interlocked.Increment(ref changes);
        var flashDrive = new ModemProfile { Name = "flash-drive", UsbVendorId = 0x0781, UsbProductId = 0x5567 };

        await fleet.Machine.PlugAsync(new SimulatedModem(flashDrive), "1-3");

        var seen = await EventuallyAsync(() => fleet.Fleet.Devices().SingleOrDefault(d => d.Id == "1-3"), "the flash drive listed");
        Assert.Equal("not a modem: no control or AT interface", seen.Reason);
        Assert.Equal((0x0781, 0x5567), ((int)seen.VendorId, (int)seen.ProductId));
        Assert.Null(fleet.Fleet.Find("1-3"));
        Assert.True(changes >= 1);
        Assert.Equal(seen, Assert.Single(((IModemFleet)fleet.Fleet).Devices()));

        await fleet.Machine.UnplugAsync("1-3");

        await EventuallyAsync(() => fleet.Fleet.Devices().Count == 0 ? "gone" : null, "the flash drive forgotten");
    }

    [Fact]
    public async Task Devices_ListsADeviceStoppedByTheReenumerationLoopDetector_WithItsReason()
    {
        await using var fleet = await MachineFleet.StartAsync(loopCycles: 2);
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);

        await fleet.Machine.PlugAsync(modem, "2-6");
        await fleet.WaitForAsync("2-6", _ => true, "the modem seen");
        await fleet.Machine.UnplugAsync("2-6");
        await fleet.WaitGoneAsync("2-6");
        await fleet.Machine.PlugAsync(modem, "2-6"); // the second appearance within the window: a loop for loopCycles 2

        var seen = await EventuallyAsync(() => fleet.Fleet.Devices().SingleOrDefault(d => d.Id == "2-6"), "the looping modem listed");
        Assert.NotEqual("not a modem: no control or AT interface", seen.Reason);
        Assert.False(string.IsNullOrWhiteSpace(seen.Reason));
        Assert.Equal(ModemState.Failed, fleet.Fleet.Find("2-6")!.State);
        Assert.Equal(seen.Reason, fleet.Fleet.Find("2-6")!.StateReason);
    }

    private static async Task<T> EventuallyAsync<T>(Func<T?> probe, string what) where T : class
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (probe() is { } found)
            {
                return found;
            }
            await Task.Delay(20);
        }
        throw new TimeoutException($"not reached: {what}");
    }
}
