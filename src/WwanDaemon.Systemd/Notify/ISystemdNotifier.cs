namespace WwanDaemon.Systemd.Notify;

/// <summary>Tells the service manager about the daemon's life (sd_notify(3)); every call is a no-op outside systemd.</summary>
public interface ISystemdNotifier
{
    /// <summary>True when NOTIFY_SOCKET is set and libsystemd is loaded: notifications go somewhere.</summary>
    bool IsEnabled { get; }

    /// <summary>The unit's WatchdogSec (WATCHDOG_USEC for this process), or null when no watchdog is armed.</summary>
    TimeSpan? WatchdogInterval { get; }

    /// <summary>READY=1: start-up finished (Type=notify units stay "activating" until then).</summary>
    void Ready();

    /// <summary>STATUS=...: one line shown by systemctl status.</summary>
    void Status(string text);

    /// <summary>WATCHDOG=1: the main loop is alive.</summary>
    void Watchdog();

    /// <summary>STOPPING=1: shutdown began.</summary>
    void Stopping();
}
