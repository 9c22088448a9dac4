using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using WwanDaemon.Systemd.Notify;

namespace WwanDaemon.Systemd.Tests;

/// <summary>sd_notify through the real libsystemd to a datagram socket the test listens on, as systemd's would.</summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class SystemdNotifierTests : IDisposable
{
    // sockaddr_un holds 108 bytes: keep the path short.
    private readonly string socketPath = Path.Combine("/tmp", $"wwan-notify-{Guid.NewGuid():N}"[..20] + ".sock");
    private readonly Socket listener = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    public SystemdNotifierTests()
    {
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.ReceiveTimeout = 5000;
        ProcessEnvironment.Set("NOTIFY_SOCKET", socketPath);
    }

    public void Dispose()
    {
        ProcessEnvironment.Set("NOTIFY_SOCKET", null);
        ProcessEnvironment.Set("WATCHDOG_USEC", null);
        ProcessEnvironment.Set("WATCHDOG_PID", null);
        listener.Dispose();
        File.Delete(socketPath);
    }

    [Fact]
    public void Notifier_EachCall_SendsExactlyItsDatagram()
    {
        var notifier = new SystemdNotifier(new RecordingLogger<SystemdNotifier>());

        Assert.True(notifier.IsEnabled);
        notifier.Ready();
        Assert.Equal("READY=1", Receive());
        notifier.Status("2 modems: 1 connected, 1 searching");
        Assert.Equal("STATUS=2 modems: 1 connected, 1 searching", Receive());
        notifier.Watchdog();
        Assert.Equal("WATCHDOG=1", Receive());
        notifier.Stopping();
        Assert.Equal("STOPPING=1", Receive());
    }

    [Fact]
    public void Notifier_StatusWithLineBreaks_SendsOneLine()
    {
        var notifier = new SystemdNotifier(new RecordingLogger<SystemdNotifier>());

        notifier.Status("1 modem:\nlocked");

        Assert.Equal("STATUS=1 modem: locked", Receive());
    }

    [Fact]
    public void Notifier_WatchdogArmedForThisProcess_ReportsTheInterval()
    {
        ProcessEnvironment.Set("WATCHDOG_USEC", "4000000");
        ProcessEnvironment.Set("WATCHDOG_PID", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var notifier = new SystemdNotifier(new RecordingLogger<SystemdNotifier>());

        Assert.Equal(TimeSpan.FromSeconds(4), notifier.WatchdogInterval);
    }

    [Fact]
    public void Notifier_WatchdogForAnotherProcess_IsNotArmed()
    {
        ProcessEnvironment.Set("WATCHDOG_USEC", "4000000");
        ProcessEnvironment.Set("WATCHDOG_PID", "1");

        var notifier = new SystemdNotifier(new RecordingLogger<SystemdNotifier>());

        Assert.Null(notifier.WatchdogInterval);
    }

    [Fact]
    public void Notifier_NoNotifySocket_IsANoOpWithADebugNote()
    {
        var logger = new RecordingLogger<SystemdNotifier>();
        var notifier = new SystemdNotifier(logger, notifySocket: null);

        notifier.Ready();
        notifier.Watchdog();

        Assert.False(notifier.IsEnabled);
        Assert.Null(notifier.WatchdogInterval);
        var note = Assert.Single(logger.Lines);
        Assert.Equal(LogLevel.Debug, note.Level);
        Assert.Contains("NOTIFY_SOCKET is not set", note.Message, StringComparison.Ordinal);
        listener.ReceiveTimeout = 200;
        Assert.Throws<SocketException>(() => listener.Receive(new byte[64]));
    }

    private string Receive()
    {
        var buffer = new byte[4096];
        var length = listener.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
