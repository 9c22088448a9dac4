using WwanDaemon.Systemd.Notify;

namespace WwanDaemon.Daemon.Tests.Fakes;

/// <summary>Keeps every notification as the datagram text sd_notify would send.</summary>
internal sealed class RecordingNotifier(TimeSpan? watchdogInterval = null) : ISystemdNotifier
{
    private readonly Lock gate = new();
    private readonly List<string> sent = [];

    public bool IsEnabled => true;

    public TimeSpan? WatchdogInterval { get; } = watchdogInterval;

    public IReadOnlyList<string> Sent
    {
        get
        {
            lock (gate)
            {
                return sent.ToArray();
            }
        }
    }

    public void Ready() => Add(NotifyMessages.Ready);

    public void Status(string text) => Add(NotifyMessages.Status(text));

    public void Watchdog() => Add(NotifyMessages.Watchdog);

    public void Stopping() => Add(NotifyMessages.Stopping);

    private void Add(string message)
    {
        lock (gate)
        {
            sent.Add(message);
        }
    }
}
