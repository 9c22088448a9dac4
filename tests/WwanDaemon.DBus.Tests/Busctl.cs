using System.Diagnostics;

namespace WwanDaemon.DBus.Tests;

/// <summary>systemd's busctl against a private bus: the independent peer the object server is tested with.</summary>
internal static class Busctl
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Result Run(string address, params string[] arguments)
    {
        var start = new ProcessStartInfo("busctl", ["--address=" + address, "--no-pager", .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("busctl did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(10_000))
        {
            process.Kill();
            throw new TimeoutException($"busctl {string.Join(' ', arguments)} did not finish in 10 s");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs busctl and fails the test with its stderr when it fails.</summary>
    public static string Succeed(string address, params string[] arguments)
    {
        var result = Run(address, arguments);
        Assert.True(result.ExitCode == 0, $"busctl {string.Join(' ', arguments)} exited {result.ExitCode}: {result.Error}");
        return result.Output;
    }
}
