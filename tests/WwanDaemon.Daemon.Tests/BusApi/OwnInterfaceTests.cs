using System.Diagnostics;
using System.Text.Json;

namespace WwanDaemon.Daemon.Tests.BusApi;

/// <summary>
/// `wwan-daemon --simulate default --ModemManagerApi=off`: org.freedesktop.ModemManager1 is left to
/// ModemManager, while our own name serves the same objects and our own interfaces (busctl as the peer).
/// </summary>
public sealed class OwnInterfaceTests(OwnNameOnlyDaemon daemon) : IClassFixture<OwnNameOnlyDaemon>
{
    private const string Own = "org.wwandaemon.WwanDaemon1";
    private const string Manager = "/org/freedesktop/ModemManager1";

    private static (int Exit, string Output, string Error) Busctl(string address, int? uid, params string[] arguments)
    {
        string[] command = ["busctl", "--address=" + address, "--no-pager", .. arguments];
        var start = uid is { } user
            ? new ProcessStartInfo("setpriv", [$"--reuid={user}", $"--regid={user}", "--clear-groups", .. command])
            : new ProcessStartInfo(command[0], command[1..]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(30_000), "busctl hung");
        return (process.ExitCode, output.Result, error.Result);
    }

    private async Task<string> WaitForOwnPropertyAsync(string path, string @interface, string property, string expected)
    {
        var deadline = DateTime.UtcNow + SimulatedDaemonOnBus.Patience;
        (int Exit, string Output, string Error) last;
        do
        {
            last = await Task.Run(() => Busctl(daemon.Address, null, "get-property", Own, path, @interface, property));
            if (last.Exit == 0 && last.Output.Trim() == expected)
            {
                return last.Output;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{path} {property} never became {expected}: {last}");
    }

    [Fact]
    public async Task ModemManagerNameNotOwned_OwnNameServesTheModemAndOurInterfaces()
    {
        await WaitForOwnPropertyAsync(Manager + "/Modem/0", "org.freedesktop.ModemManager1.Modem", "State", "i 11");

        var mmcli = Mmcli.Run(daemon.Address, "-L");
        Assert.NotEqual(0, mmcli.ExitCode); // ModemManager's name is free for ModemManager itself
        Assert.Equal("b false", Busctl(daemon.Address, null, "get-property", Own, Manager, Own, "ModemManagerApi").Output.Trim());
        Assert.Equal("s \"1-1\"", Busctl(daemon.Address, null, "get-property", Own, Manager + "/Modem/0", Own + ".Modem", "Id").Output.Trim());
        Assert.Equal("s \"qmi\"", Busctl(daemon.Address, null, "get-property", Own, Manager + "/Modem/0", Own + ".Modem", "ControlProtocol").Output.Trim());
        Assert.Equal("s \"prefer-mbim\"", Busctl(daemon.Address, null, "get-property", Own, Manager, Own, "Policy").Output.Trim());
    }

    [Fact]
    public void Diagnose_IsTheSameJsonAsWwanctlDiagnose_AndOpenToEveryone()
    {
        var (exit, output, error) = Busctl(daemon.Address, Mmcli.Nobody, "--json=short", "call", Own, Manager, Own, "Diagnose");

        Assert.True(exit == 0, $"Diagnose as nobody failed: {error}");
        using var reply = JsonDocument.Parse(output);
        var json = reply.RootElement.GetProperty("data")[0].GetString()!;
        using var diagnosis = JsonDocument.Parse(json);
        var devices = diagnosis.RootElement.GetProperty("devices"); // DiagnosisJsonWriter's shape, as `wwanctl diagnose --json` prints it
        Assert.Equal(1, devices.GetArrayLength());
        Assert.Equal("1e0e", devices[0].GetProperty("vid").GetString()); // the simulated SIM7600G-H
    }

    [Fact]
    public void SetPolicy_AsNobody_IsRefused_AsRoot_ChangesThePolicy_AndBadValuesAreInvalidArgs()
    {
        var denied = Busctl(daemon.Address, Mmcli.Nobody, "call", Own, Manager, Own, "SetPolicy", "s", "prefer-qmi");
        Assert.NotEqual(0, denied.Exit);
        Assert.Matches("Access denied|AccessDenied|Unauthorized", denied.Error); // the bus policy (packaging/) stops it before the daemon does

        var bad = Busctl(daemon.Address, null, "call", Own, Manager, Own, "SetPolicy", "s", "fastest");
        Assert.NotEqual(0, bad.Exit);
        Assert.Contains("prefer-mbim, prefer-qmi or keep", bad.Error);

        Assert.Equal(0, Busctl(daemon.Address, null, "call", Own, Manager, Own, "SetPolicy", "s", "keep").Exit);
        Assert.Equal("s \"keep\"", Busctl(daemon.Address, null, "get-property", Own, Manager, Own, "Policy").Output.Trim());
    }
}
