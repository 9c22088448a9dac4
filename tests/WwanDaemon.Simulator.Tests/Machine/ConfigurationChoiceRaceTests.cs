using WwanDaemon.Linux.Uevents;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests.Machine;

/// <summary>
/// A host (the daemon after its settle delay) writes bConfigurationValue after the device's "add" but
/// before the kernel chose a configuration: the real store waits for the device lock and wins, so the
/// simulated kernel must not overwrite it with its own choice (a loaded CI run once lost such a write and
/// the daemon waited 10 s for interfaces that never came).
/// </summary>
public sealed class ConfigurationChoiceRaceTests
{
    [Fact]
    public async Task HostWritesTheConfigurationBeforeTheKernelChose_TheHostsValueIsApplied()
    {
        await using var machine = SimulatedMachine.Create(null, new SimulatedMachineOptions { ConfigurationChoiceDelay = TimeSpan.FromSeconds(2) });
        await using var uevents = new UeventRecorder(machine.Uevents);
        var file = Path.Combine(machine.SysRoot, "devices", "usb2", "2-6", "bConfigurationValue");

        var plugging = machine.PlugAsync(new SimulatedModem(MachineProfiles.HpLt4112), "2-6");
        await uevents.WaitForAsync(UeventAction.Add, "/devices/usb2/2-6");
        var beforeTheChoice = File.ReadAllText(file).Trim();
        await File.WriteAllTextAsync(file, "3\n");
        var device = await plugging;

        await uevents.WaitForAsync(UeventAction.Bind, "2-6:3.2", "qcserial");
        Assert.Equal("", beforeTheChoice); // the write really came before the kernel's choice
        Assert.Equal(3, device.Configuration);
        Assert.Equal("3", File.ReadAllText(file).Trim());
        Assert.Contains(machine.KernelLog, line => line.Contains("set configuration 3", StringComparison.Ordinal));
    }
}
