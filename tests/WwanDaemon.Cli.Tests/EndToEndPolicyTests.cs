using WwanDaemon.Cli.Commands;

namespace WwanDaemon.Cli.Tests;

/// <summary>wwanctl under the installed D-Bus policy: nobody reads; the bus itself refuses nobody's control calls.</summary>
public sealed class EndToEndPolicyTests(DefaultDaemonSystemPolicy daemon) : IClassFixture<DefaultDaemonSystemPolicy>
{
    [Fact]
    public void AsNobody_ListAndStatusWork_DisconnectAccessDenied()
    {
        string[] nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
        // Until the modem answered its identity, the names are the USB descriptor's ("SimTech, Incorporated").
        var ready = Wwanctl.Run("--bus", daemon.Address, "wait", "--state", "connected", "--timeout", "60");
        Assert.True(ready.Exit == 0, ready.Error);

        var list = Wwanctl.RunProcessAs(nobody, "--bus", daemon.Address, "list");
        var status = Wwanctl.RunProcessAs(nobody, "--bus", daemon.Address, "status", "--json");
        var disconnect = Wwanctl.RunProcessAs(nobody, "--bus", daemon.Address, "disconnect");
        var asRoot = Wwanctl.Run("--bus", daemon.Address, "status");

        Assert.True(list.Exit == 0, list.Error);
        Assert.Contains("SIMCOM", list.Output, StringComparison.Ordinal);
        Assert.True(status.Exit == 0, status.Error);
        Assert.Equal(ExitCodes.NotAllowed, disconnect.Exit);
        Assert.Equal("wwanctl: not allowed: run as root or as a member of group netdev\n", disconnect.Error);
        Assert.True(asRoot.Exit == 0, asRoot.Error);
    }
}
