using System.Net.Sockets;
using System.Text;
using WwanDaemon.Daemon.CommandLine;
using WwanDaemon.Daemon.Tests.Fakes;

namespace WwanDaemon.Daemon.Tests;

/// <summary>wwan-daemon as systemd runs it: a real process, a real notify socket, SIGTERM to stop.</summary>
public sealed class DaemonProcessTests : IDisposable
{
    private readonly string socketPath = Path.Combine("/tmp", $"wwan-daemon-{Guid.NewGuid():N}"[..20] + ".sock");
    private readonly Socket notifySocket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly TempConfigFile config = new("{}");

    public DaemonProcessTests()
    {
        notifySocket.Bind(new UnixDomainSocketEndPoint(socketPath));
        notifySocket.ReceiveTimeout = 30_000;
    }

    public void Dispose()
    {
        notifySocket.Dispose();
        File.Delete(socketPath);
        config.Dispose();
    }

    [Fact]
    public async Task Daemon_UnderSystemd_ReadyStatusWatchdogThenStoppingOnSigterm()
    {
        using var daemon = new WwanDaemonProcess(
            new Dictionary<string, string> { ["NOTIFY_SOCKET"] = socketPath, ["WATCHDOG_USEC"] = "1000000" },
            "--config", config.Path);

        var seen = ReceiveUntil(["READY=1", "WATCHDOG=1"]);
        Assert.Contains("STATUS=no modems", seen);
        await daemon.TerminateAsync();
        ReceiveUntil(["STOPPING=1"]);
        var (exit, output, error) = await daemon.FinishAsync();

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Empty(output);
        Assert.Contains("systemd watchdog armed at 1 s; pinging every 0.5 s", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Daemon_BadConfiguration_Exit78OneMessageNoStackTrace()
    {
        File.WriteAllText(config.Path, """{ "IpConfiguration": "dhcp" }""");
        using var daemon = new WwanDaemonProcess(new Dictionary<string, string>(), "--config", config.Path);

        var (exit, output, error) = await daemon.FinishAsync();

        Assert.Equal(ExitCodes.Config, exit);
        Assert.Empty(output);
        Assert.Contains($"IpConfiguration = \"dhcp\" (config file {config.Path}): allowed values are apply, report.", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    /// <summary>Reads datagrams until each expected one was seen; returns everything received.</summary>
    private List<string> ReceiveUntil(IReadOnlyList<string> expected)
    {
        var seen = new List<string>();
        var buffer = new byte[4096];
        while (!expected.All(seen.Contains))
        {
            var length = notifySocket.Receive(buffer);
            seen.Add(Encoding.UTF8.GetString(buffer, 0, length));
        }
        return seen;
    }
}
