namespace WwanDaemon.Daemon.Tests.BusApi;

/// <summary>Debian's mmcli driving the simulated modem of `wwan-daemon --simulate default` as root: disconnect, connect, disable, enable.</summary>
public sealed class MmcliControlTests(DefaultScenarioDaemon daemon) : IClassFixture<DefaultScenarioDaemon>
{
    [Fact]
    public async Task DisconnectConnectDisableEnable_EachReachesItsState()
    {
        await Mmcli.WaitForStateAsync(daemon.Address, "0", "connected", SimulatedDaemonOnBus.Patience);

        Assert.Contains("successfully disconnected all bearers", Mmcli.Succeed(daemon.Address, "-m", "0", "--simple-disconnect"));
        var disconnected = await Mmcli.WaitForStateAsync(daemon.Address, "0", "registered", SimulatedDaemonOnBus.Patience);
        Assert.Equal("home", Mmcli.Field(disconnected, "registration"));

        var connect = Mmcli.Succeed(daemon.Address, "-m", "0", "--simple-connect=apn=internet,ip-type=ipv4");
        Assert.Contains("successfully connected the modem", connect);
        // Simple.Connect returns once the session is up: the bearer already has its IP settings.
        var modem = Mmcli.Succeed(daemon.Address, "-m", "0");
        Assert.Equal("connected", Mmcli.Field(modem, "state"));
        var bearer = Mmcli.Succeed(daemon.Address, "-b", MmcliReadTests.BearerIndex(modem));
        Assert.Matches(@"^192\.0\.2\.[0-9]+$", Mmcli.Field(bearer, "address")); // each session gets the next address of the simulated network
        Assert.Equal("192.0.2.1", Mmcli.Field(bearer, "gateway"));
        Assert.Equal("ipv4", Mmcli.Field(bearer, "ip type"));

        Assert.Contains("successfully disabled the modem", Mmcli.Succeed(daemon.Address, "-m", "0", "--disable"));
        var disabled = await Mmcli.WaitForStateAsync(daemon.Address, "0", "disabled", SimulatedDaemonOnBus.Patience);
        Assert.Equal("low", Mmcli.Field(disabled, "power state"));

        Assert.Contains("successfully enabled the modem", Mmcli.Succeed(daemon.Address, "-m", "0", "--enable"));
        await Mmcli.WaitForStateAsync(daemon.Address, "0", "connected", SimulatedDaemonOnBus.Patience);
    }

    [Fact]
    public void Connect_BadApn_IsRefusedWithInvalidArgsAndChangesNothing()
    {
        var before = Mmcli.Succeed(daemon.Address, "-m", "0");

        var result = Mmcli.Run(daemon.Address, "-m", "0", "--simple-connect=apn=inter$net,ip-type=ipv4");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("InvalidArgs", result.Error);
        Assert.Equal(Mmcli.Field(before, "state"), Mmcli.Field(Mmcli.Succeed(daemon.Address, "-m", "0"), "state"));
    }
}
