namespace WwanDaemon.Daemon.Tests.BusApi;

/// <summary>The `pin-locked` scenario: the SIM wants PIN 1234, the profile has none; mmcli sends it.</summary>
public sealed class MmcliPinTests(PinLockedScenarioDaemon daemon) : IClassFixture<PinLockedScenarioDaemon>
{
    [Fact]
    public async Task WrongPinCostsATry_RightPinUnlocksAndTheModemConnects()
    {
        var locked = await Mmcli.WaitForStateAsync(daemon.Address, "0", "locked", SimulatedDaemonOnBus.Patience);
        Assert.Equal("sim-pin", Mmcli.Field(locked, "lock"));
        Assert.Contains("sim-pin (3)", Mmcli.Field(locked, "unlock retries"));

        var wrong = Mmcli.Run(daemon.Address, "-i", "0", "--pin=1111");
        Assert.NotEqual(0, wrong.ExitCode);
        Assert.Contains("IncorrectPassword", wrong.Error);
        // The refusal is answered at once; the SIM's new count follows when the modem re-reads the SIM.
        var stillLocked = await Mmcli.WaitForAsync(daemon.Address, "0",
            output => Mmcli.Field(output, "state") == "locked" && Mmcli.Field(output, "unlock retries")?.Contains("sim-pin (2)", StringComparison.Ordinal) == true,
            "locked with 2 PIN tries left", SimulatedDaemonOnBus.Patience);
        Assert.Contains("sim-pin (2)", Mmcli.Field(stillLocked, "unlock retries"));

        Assert.Contains("successfully sent PIN code to the SIM", Mmcli.Succeed(daemon.Address, "-i", "0", "--pin=1234"));
        await Mmcli.WaitForStateAsync(daemon.Address, "0", "connected", SimulatedDaemonOnBus.Patience);
    }
}
