using System.Diagnostics;

namespace WwanDaemon.BusApi.Tests.OnBus;

/// <summary>systemd's busctl against a private bus, as root or (through setpriv) as nobody with no groups.</summary>
internal static class Busctl
{
    public static Mmcli.Result Run(string address, int? uid, params string[] arguments)
    {
        string[] busctl = ["busctl", "--address=" + address, "--no-pager", .. arguments];
        var start = uid is { } user
            ? new ProcessStartInfo("setpriv", [$"--reuid={user}", $"--regid={user}", "--clear-groups", .. busctl])
            : new ProcessStartInfo(busctl[0], busctl[1..]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("busctl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(20_000))
        {
            process.Kill();
            throw new TimeoutException($"busctl {string.Join(' ', arguments)} did not finish in 20 s");
        }
        return new Mmcli.Result(process.ExitCode, output.Result, error.Result);
    }
}
