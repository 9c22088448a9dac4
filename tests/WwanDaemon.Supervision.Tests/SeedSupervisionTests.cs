using WwanDaemon.Modem.Fleet;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Supervision.Tests;

public sealed class SeedSupervisionTests
{
    [Fact]
    public async Task Seed004_QcserialOnTheMbimInterfaces_FixedAtDiscovery_ThenConnectedOverMbim()
    {
        await using var fleet = await MachineFleet.StartAsync();
        var modem = new SimulatedModem(MachineProfiles.HpLt4112);

        await fleet.Machine.PlugAsync(modem, "2-6");
        var connected = await fleet.WaitForStateAsync("2-6", ModemState.Connected);

        Assert.Equal("mbim", connected.ControlProtocol);
        Assert.Equal(3, connected.Configuration);
        Assert.Contains("set-configuration 3", connected.ActionsApplied);
        var interfaces = fleet.Machine.Device("2-6")!.Interfaces;
        Assert.True(interfaces.Any(i => i.Driver == "cdc_mbim"), string.Join(", ", interfaces.Select(i => $"{i.Number}:{i.Driver}")));
        Assert.Contains(connected.ActionsApplied, a => a.StartsWith("unbind qcserial", StringComparison.Ordinal));
        var session = Assert.Single(modem.Sessions);
        Assert.StartsWith($"{session.Ipv4}/", connected.Ip!.Address, StringComparison.Ordinal);
        Assert.StartsWith("wwan", connected.Ip.Interface, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed001_FirstProtocolWins_ConnectedOverMbim_TheControlPortNeverHeardQmi()
    {
        await using var fleet = await MachineFleet.StartAsync();
        var modem = new SimulatedModem(MachineProfiles.Dw5570);

        var device = await fleet.Machine.PlugAsync(modem, "1-7");
        var connected = await fleet.WaitForStateAsync("1-7", ModemState.Connected);

        Assert.Equal("mbim", connected.ControlProtocol);
        var dual = device.ServedPorts.Select(p => p.Port).OfType<WwanDaemon.Simulator.Ports.DualProtocolPort>().ToArray();
        Assert.NotEmpty(dual);
        Assert.All(dual, port =>
        {
            Assert.Equal(WwanDaemon.Simulator.Ports.DualProtocolPort.Protocol.Mbim, port.FirstProtocol);
            Assert.Equal(0, port.IgnoredMessages); // not one QMUX frame reached it, before or after MBIM won
        });
    }

    [Fact]
    public async Task Unplugged_TheModemLeavesTheFleet()
    {
        await using var fleet = await MachineFleet.StartAsync();
        await fleet.Machine.PlugAsync(new SimulatedModem(MachineProfiles.HpLt4112), "2-6");
        await fleet.WaitForStateAsync("2-6", ModemState.Connected);

        await fleet.Machine.UnplugAsync("2-6");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (fleet.Fleet.Find("2-6") is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }
        Assert.Null(fleet.Fleet.Find("2-6"));
    }
}
