using System.Diagnostics;

namespace WwanDaemon.Tests;

/// <summary>Debian's real mmcli pointed at a private bus through DBUS_SYSTEM_BUS_ADDRESS, as root or as nobody.</summary>
internal static class Mmcli
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
    }

    /// <summary>The uid/gid of the unprivileged caller (nobody/nogroup on Debian).</summary>
    public const int Nobody = 65534;

    public static Result Run(string busAddress, params string[] arguments) => RunAs(busAddress, null, arguments);

    /// <summary>Runs mmcli; <paramref name="uid"/> non-null runs it through setpriv as that uid with no groups.</summary>
    public static Result RunAs(string busAddress, int? uid, params string[] arguments)
    {
        var start = uid is { } user
            ? new ProcessStartInfo("setpriv", [$"--reuid={user}", $"--regid={user}", "--clear-groups", "mmcli", .. arguments])
            : new ProcessStartInfo("mmcli", arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["DBUS_SYSTEM_BUS_ADDRESS"] = busAddress;
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("mmcli did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill();
            throw new TimeoutException($"mmcli {string.Join(' ', arguments)} did not finish in 60 s");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs mmcli and fails the test with everything it printed when it fails.</summary>
    public static string Succeed(string busAddress, params string[] arguments)
    {
        var result = Run(busAddress, arguments);
        Assert.True(result.ExitCode == 0, $"mmcli {string.Join(' ', arguments)}: {result}");
        return result.Output;
    }

    /// <summary>The value mmcli prints after "label:" in its table output ("state: connected" → "connected"), or null.</summary>
    public static string? Field(string output, string label)
    {
        foreach (var line in System.Text.RegularExpressions.Regex.Replace(output, "\u001b\\[[0-9;]*m", "").Split('\n'))
        {
            var bar = line.IndexOf('|', StringComparison.Ordinal);
            var text = bar >= 0 ? line[(bar + 1)..] : line;
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && text[..colon].Trim() == label)
            {
                return text[(colon + 1)..].Trim().Trim('\'');
            }
        }
        return null;
    }

    /// <summary>Polls `mmcli -m 0` until its state is <paramref name="state"/>; fails with the last output after <paramref name="timeout"/>.</summary>
    public static Task<string> WaitForStateAsync(string busAddress, string modem, string state, TimeSpan timeout) =>
        WaitForAsync(busAddress, modem, output => Field(output, "state") == state, $"state '{state}'", timeout);

    /// <summary>Polls `mmcli -m MODEM` until <paramref name="condition"/> holds for its output; fails with the last output after <paramref name="timeout"/>.</summary>
    public static async Task<string> WaitForAsync(string busAddress, string modem, Func<string, bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        Result last;
        do
        {
            last = await Task.Run(() => Run(busAddress, "-m", modem));
            if (last.ExitCode == 0 && condition(last.Output))
            {
                return last.Output;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"modem {modem} did not reach {what} in {timeout.TotalSeconds} s; last mmcli -m {modem}: {last}");
    }
}
