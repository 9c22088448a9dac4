using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using WwanDaemon.Daemon.CommandLine;
using WwanDaemon.Daemon.Tests.Fakes;

namespace WwanDaemon.Daemon.Tests;

/// <summary>A test that creates a network namespace and runs the daemon in it: skipped, with the reason, unless the process runs as root.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            Skip = "needs root: creates its own network namespace (ip netns add), in which the daemon creates TUN devices and configures them (CAP_SYS_ADMIN + CAP_NET_ADMIN)";
        }
    }
}

/// <summary>
/// The data path end to end: the real wwan-daemon process, `--simulate default --IpConfiguration=apply`,
/// in a fresh network namespace; the simulated machine's wwan0 is a TUN device the daemon addresses
/// with rtnetlink, and busybox ping (raw ICMP socket) through it is answered by the simulated network.
/// </summary>
public sealed partial class DataPathProcessTests : IDisposable
{
    private readonly string space = $"wwan-dp-{Guid.NewGuid().ToString("N")[..10]}";
    private readonly TempConfigFile config = new("{}");

    /// <summary>Deletes the namespace even when the test failed (the daemon process is killed by its own Dispose first).</summary>
    public void Dispose()
    {
        config.Dispose();
        if (File.Exists($"/run/netns/{space}"))
        {
            Run("ip", "netns", "del", space);
        }
    }

    [RootFact]
    public async Task Simulate_ApplyInFreshNamespace_PingsThroughWwan0AnsweredBySimulatorThenEverythingGone()
    {
        Run("ip", "netns", "add", space);
        using var daemon = new WwanDaemonProcess(["ip", "netns", "exec", space], new Dictionary<string, string>(),
            "--config", config.Path, "--simulate", "default", "--IpConfiguration=apply");

        var address = await WaitForAddressAndDefaultRouteAsync(daemon);
        Assert.StartsWith("192.0.2.", address, StringComparison.Ordinal);
        var gateway = Run("ip", "netns", "exec", space, "busybox", "ping", "-c", "3", "-w", "10", "192.0.2.1");
        var internet = Run("ip", "netns", "exec", space, "busybox", "ping", "-c", "3", "-w", "10", "198.51.100.7");
        await daemon.TerminateAsync();
        var (exit, output, error) = await daemon.FinishAsync();

        Assert.Contains("3 packets transmitted, 3 packets received", gateway, StringComparison.Ordinal);
        Assert.Contains("3 packets transmitted, 3 packets received", internet, StringComparison.Ordinal);
        Assert.True(exit == ExitCodes.Ok, $"exit {exit}: {error}");
        Assert.Empty(output);
        // The replies came from the simulator: its responder counted the six echo requests it answered.
        var answered = AnsweredLine().Match(error);
        Assert.True(answered.Success, error);
        Assert.True(int.Parse(answered.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 6, answered.Value);
        // The TUN device went with the daemon; the namespace holds only its loopback.
        Assert.Equal(["lo"], Links());
        Run("ip", "netns", "del", space);
        Assert.DoesNotContain(space, Run("ip", "netns", "list"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_ApplyWithoutNetAdmin_Exit78SayingWhatToDo()
    {
        // As root, take CAP_NET_ADMIN out of the bounding set so the exec'd daemon cannot have it; others lack it anyway.
        string[] launcher = Environment.IsPrivilegedProcess ? ["setpriv", "--bounding-set=-net_admin", "--inh-caps=-net_admin"] : [];
        using var daemon = new WwanDaemonProcess(launcher, new Dictionary<string, string>(),
            "--config", config.Path, "--simulate", "default", "--IpConfiguration=apply", "--until", "connected", "--timeout", "30");

        var (exit, output, error) = await daemon.FinishAsync();

        Assert.Equal(ExitCodes.Config, exit);
        Assert.Empty(output);
        Assert.Contains("needs CAP_NET_ADMIN", error, StringComparison.Ordinal);
        Assert.Contains("ip netns add", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    /// <summary>Polls `ip -j -n NS addr/route` until wwan0 has the session's address and the default route (the fleet is connected).</summary>
    private async Task<string> WaitForAddressAndDefaultRouteAsync(WwanDaemonProcess daemon)
    {
        var deadline = DateTime.UtcNow + WwanDaemonProcess.Timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (daemon.HasExited)
            {
                var (exit, _, error) = await daemon.FinishAsync();
                Assert.Fail($"the daemon exited ({exit}) before wwan0 was configured: {error}");
            }
            var address = Ipv4Address();
            if (address is not null && Run("ip", "-j", "-n", space, "-4", "route", "show", "default").Contains("wwan0", StringComparison.Ordinal))
            {
                return address;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"wwan0 in {space} got no 192.0.2.x address and default route within {WwanDaemonProcess.Timeout}");
    }

    private string? Ipv4Address()
    {
        if (!Links().Contains("wwan0"))
        {
            return null;
        }
        using var json = JsonDocument.Parse(Run("ip", "-j", "-n", space, "-4", "addr", "show", "dev", "wwan0"));
        return json.RootElement.EnumerateArray().SelectMany(l => l.GetProperty("addr_info").EnumerateArray())
            .Select(a => a.GetProperty("local").GetString()).FirstOrDefault();
    }

    private string[] Links()
    {
        using var json = JsonDocument.Parse(Run("ip", "-j", "-n", space, "link", "show"));
        return [.. json.RootElement.EnumerateArray().Select(l => l.GetProperty("ifname").GetString()!)];
    }

    /// <summary>Runs a command, returns its standard output; throws with its output when it fails.</summary>
    private static string Run(params string[] commandLine)
    {
        var start = new ProcessStartInfo(commandLine[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in commandLine.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`{string.Join(' ', commandLine)}` exited with {process.ExitCode}: {output.Trim()} {error.Result.Trim()}");
        }
        return output.Trim();
    }

    [GeneratedRegex(@"simulated data path wwan0: \d+ packets seen, (\d+) echo requests answered")]
    private static partial Regex AnsweredLine();
}
