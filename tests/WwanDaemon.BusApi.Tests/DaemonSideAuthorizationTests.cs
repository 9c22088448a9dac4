using System.Diagnostics;
using WwanDaemon.BusApi;

namespace WwanDaemon.BusApi.Tests;

/// <summary>
/// On a bus whose policy lets everyone send (the private test bus), the daemon's own check still
/// refuses a control call from an unprivileged process with Core.Unauthorized, and lets it read.
/// </summary>
public sealed class DaemonSideAuthorizationTests(ExportedFleet exported) : IClassFixture<ExportedFleet>
{
    private (int Exit, string Output, string Error) BusctlAsNobody(params string[] arguments)
    {
        var start = new ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", "busctl", "--address=" + exported.Address, "--no-pager", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(30_000), "busctl hung");
        return (process.ExitCode, output.Result, error.Result);
    }

    [Fact]
    public void Nobody_ReadsTheModem_ButConnectIsUnauthorized()
    {
        Assert.True(Environment.UserName == "root", "this test runs as root (as CI does) to start a client as nobody");
        const string modem = BusNames.ModemPathPrefix + "0";

        var read = BusctlAsNobody("get-property", BusNames.ModemManager, modem, BusNames.ModemInterface, "Model");
        Assert.Equal(0, read.Exit);
        Assert.Equal("s \"Model 1\"", read.Output.Trim());

        var connect = BusctlAsNobody("call", BusNames.ModemManager, modem, BusNames.SimpleInterface, "Connect", "a{sv}", "1", "apn", "s", "internet");
        Assert.NotEqual(0, connect.Exit);
        Assert.Contains("uid 65534", connect.Error);
        Assert.Contains("group netdev", connect.Error);
    }
}
