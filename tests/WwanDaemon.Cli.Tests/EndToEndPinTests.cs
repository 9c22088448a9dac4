using System.Text.Json;
using WwanDaemon.Cli.Commands;

namespace WwanDaemon.Cli.Tests;

/// <summary>wwanctl pin against the real daemon's pin-locked scenario: the SIM wants 1234.</summary>
public sealed class EndToEndPinTests(PinLockedDaemon daemon) : IClassFixture<PinLockedDaemon>
{
    private static readonly string Patience = ((int)DaemonOnBus.Patience.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Pin_NobodyRefusedWrongPinCountsDownRightPinUnlocksAndConnects()
    {
        var locked = Wwanctl.Run("--bus", daemon.Address, "wait", "--state", "locked", "--timeout", Patience);
        Assert.True(locked.Exit == 0, locked.Error);
        var status = JsonDocument.Parse(Wwanctl.Run("--bus", daemon.Address, "status", "--json").Output).RootElement;
        Assert.Equal("sim-pin", status.GetProperty("sim").GetProperty("lock").GetString());
        Assert.Equal(3, status.GetProperty("sim").GetProperty("pinRetries").GetInt32());

        var nobody = Wwanctl.RunProcessAs(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"], "--bus", daemon.Address, "pin", "1234");
        var wrong = Wwanctl.Run("--bus", daemon.Address, "pin", "1111");
        var right = Wwanctl.RunWithInput("1234\n", "--bus", daemon.Address, "pin", "0", "--pin-stdin");
        var connected = Wwanctl.Run("--bus", daemon.Address, "wait", "--state", "connected", "--timeout", Patience);

        Assert.Equal(ExitCodes.NotAllowed, nobody.Exit);
        Assert.Contains("not allowed: run as root or as a member of group netdev", nobody.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failure, wrong.Exit);
        Assert.Equal("wwanctl: modem 0 (", wrong.Error[..18]);
        Assert.EndsWith("): wrong PIN (2 tries left)\n", wrong.Error, StringComparison.Ordinal);
        Assert.True(right.Exit == 0, right.Error);
        Assert.EndsWith(": SIM unlocked\n", right.Output, StringComparison.Ordinal);
        Assert.True(connected.Exit == 0, connected.Error);
    }
}
