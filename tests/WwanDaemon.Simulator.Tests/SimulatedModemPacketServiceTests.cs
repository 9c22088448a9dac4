using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>The model state MBIM needs beyond QMI's: packet service attach, traffic counters, firmware restart, profiles per protocol.</summary>
public class SimulatedModemPacketServiceTests
{
    [Fact]
    public void PacketService_AttachedWithRegistration_DetachEndsSessionsAndBlocksNewOnes()
    {
        using var modem = new SimulatedModem(Profiles.Get("default"));
        Assert.True(modem.PacketServiceAttached);
        Assert.NotNull(modem.StartSession("internet", 4).Session);

        modem.DetachPacketService();

        Assert.False(modem.PacketServiceAttached);
        Assert.Empty(modem.Sessions);
        Assert.Equal("the packet service is detached", modem.StartSession("internet", 4).Refusal?.Reason);
        Assert.Null(modem.AttachPacketService());
        Assert.True(modem.PacketServiceAttached);
    }

    [Fact]
    public void PacketService_AttachRefusedWhileNotRegistered()
    {
        using var modem = new SimulatedModem(Profiles.Get("fcc-locked"));

        Assert.False(modem.PacketServiceAttached);
        Assert.NotNull(modem.AttachPacketService());
    }

    [Fact]
    public void Traffic_AddsUpInTheStatistics()
    {
        using var modem = new SimulatedModem(Profiles.Get("default"));

        modem.AddTraffic(1500, 1, 60, 1);
        modem.AddTraffic(3000, 2, 120, 2);

        Assert.Equal(new PacketStatistics(4500, 3, 180, 3), modem.Statistics);
    }

    [Fact]
    public void Reset_RelocksFccEndsSessionsAndTellsTheFacesFirst()
    {
        using var modem = new SimulatedModem(Profiles.Get("em7355-fcc-locked"));
        modem.AuthenticateFcc();
        Assert.Null(modem.SetOperatingMode(OperatingMode.Online));
        Assert.NotNull(modem.StartSession("internet", 4).Session);
        modem.AddTraffic(10, 1, 10, 1);
        var changes = new List<string>();
        modem.Changed += changes.Add;

        Assert.Null(modem.SetOperatingMode(OperatingMode.Reset));

        Assert.Equal("reset", changes[0]);
        Assert.True(modem.FccLocked);
        Assert.Equal(OperatingMode.LowPower, modem.Mode);
        Assert.Empty(modem.Sessions);
        Assert.Equal(new PacketStatistics(0, 0, 0, 0), modem.Statistics);
    }

    [Fact]
    public void Profiles_ListedPerProtocol()
    {
        Assert.Equal("default", Profiles.For("qmi")[0]);
        Assert.Contains("em7355-fcc-locked", Profiles.For("mbim"));
        Assert.DoesNotContain("em7355-fcc-locked", Profiles.For("qmi"));
        Assert.Contains("dw5570-first-protocol-wins", Profiles.For("qmi"));
        Assert.True(Profiles.Get("dw5570-first-protocol-wins").FirstProtocolWins);
        Assert.Equal("EM7355", Profiles.Get("em7355-fcc-locked").Model);
    }
}
