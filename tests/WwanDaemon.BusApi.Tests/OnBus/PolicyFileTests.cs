namespace WwanDaemon.BusApi.Tests.OnBus;

/// <summary>packaging/dbus-1/system.d/org.wwandaemon.WwanDaemon1.conf on a system-like bus: everyone reads, only root (and netdev) control.</summary>
public sealed class PolicyFileTests(SystemLikeBusApi bus) : IClassFixture<SystemLikeBusApi>
{
    private const string Modem0 = ApiUnderTest.Modem0;

    [Theory]
    [InlineData(BusNames.ModemManager)]
    [InlineData(BusNames.Own)]
    public void Nobody_ReadsPropertiesButSimpleConnectIsAccessDenied(string destination)
    {
        var read = Busctl.Run(bus.Address, Mmcli.Nobody, "get-property", destination, Modem0, BusNames.ModemInterface, "Model");
        var all = Busctl.Run(bus.Address, Mmcli.Nobody, "call", destination, Modem0, "org.freedesktop.DBus.Properties", "GetAll", "s", BusNames.ModemInterface);
        var status = Busctl.Run(bus.Address, Mmcli.Nobody, "call", destination, Modem0, BusNames.SimpleInterface, "GetStatus");
        var connect = Busctl.Run(bus.Address, Mmcli.Nobody, "call", destination, Modem0, BusNames.SimpleInterface, "Connect", "a{sv}", "1", "apn", "s", "internet");

        Assert.True(read.ExitCode == 0, read.ToString());
        Assert.Contains("SIMCOM_SIM7600G-H", read.Output);
        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.NotEqual(0, connect.ExitCode);
        Assert.Contains("Access denied", connect.Error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(bus.Commands.Calls, c => c.StartsWith("connect", StringComparison.Ordinal));
    }

    [Fact]
    public void Root_CallsControlMethods()
    {
        var reset = Busctl.Run(bus.Address, null, "call", BusNames.ModemManager, Modem0, BusNames.ModemInterface, "Reset");

        Assert.True(reset.ExitCode == 0, reset.ToString());
        Assert.Contains("reset 1-1", bus.Commands.Calls);
    }

    [Fact]
    public void Mmcli_AsNobody_ListsAndReadsButCannotConnect()
    {
        var read = Mmcli.RunAs(bus.Address, Mmcli.Nobody, "-m", "0");
        var connect = Mmcli.RunAs(bus.Address, Mmcli.Nobody, "-m", "0", "--simple-connect=apn=internet");

        Assert.True(read.ExitCode == 0, read.ToString());
        Assert.Equal("SIMCOM_SIM7600G-H", Mmcli.Field(read.Output, "model"));
        Assert.NotEqual(0, connect.ExitCode);
    }
}

/// <summary>On a bus whose policy lets everyone call, the daemon's own check refuses control with Core.Unauthorized.</summary>
public sealed class DaemonAuthorizationTests(OpenBusApi bus) : IClassFixture<OpenBusApi>
{
    [Fact]
    public void Nobody_ReadsButSimpleConnectIsCoreUnauthorizedNamingTheFix()
    {
        var all = Busctl.Run(bus.Address, Mmcli.Nobody, "call", BusNames.ModemManager, ApiUnderTest.Modem0, "org.freedesktop.DBus.Properties", "GetAll", "s", BusNames.ModemInterface);
        var connect = Busctl.Run(bus.Address, Mmcli.Nobody, "call", BusNames.ModemManager, ApiUnderTest.Modem0, BusNames.SimpleInterface, "Connect", "a{sv}", "1", "apn", "s", "internet");

        Assert.True(all.ExitCode == 0, all.ToString());
        Assert.NotEqual(0, connect.ExitCode);
        Assert.Contains("group netdev", connect.Error);
        Assert.Empty(bus.Commands.Calls);
    }
}
