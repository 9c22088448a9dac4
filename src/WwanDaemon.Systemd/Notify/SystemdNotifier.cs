using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using WwanDaemon.Systemd.Native;

namespace WwanDaemon.Systemd.Notify;

/// <summary>
/// sd_notify(3) through libsystemd.so.0. Outside systemd (NOTIFY_SOCKET unset) every call is a
/// no-op and one debug line says so; with NOTIFY_SOCKET set but libsystemd missing, one warning.
/// </summary>
public sealed class SystemdNotifier : ISystemdNotifier
{
    private readonly ILogger logger;
    private readonly HashSet<string> failedKinds = [];

    /// <param name="logger">Where the debug note and send failures go.</param>
    /// <param name="notifySocket">The NOTIFY_SOCKET value this process was started with; null when unset.
    /// libsystemd reads the variable itself (getenv); this decides whether to call it at all.</param>
    public SystemdNotifier(ILogger<SystemdNotifier> logger, string? notifySocket)
    {
        this.logger = logger;
        if (string.IsNullOrEmpty(notifySocket))
        {
            logger.LogDebug("NOTIFY_SOCKET is not set (not started by systemd as Type=notify): readiness, status and watchdog notifications are skipped");
            return;
        }
        if (!LibSystemd.IsAvailable)
        {
            logger.LogWarning("NOTIFY_SOCKET is set but {Library} cannot be loaded: systemd will not hear READY=1 or watchdog pings, so a Type=notify unit times out; install libsystemd0 or run the unit as Type=simple without WatchdogSec",
                LibSystemd.LibraryName);
            return;
        }
        IsEnabled = true;
        WatchdogInterval = ReadWatchdogInterval();
    }

    /// <summary>Reads NOTIFY_SOCKET from the process environment.</summary>
    public SystemdNotifier(ILogger<SystemdNotifier> logger)
        : this(logger, Environment.GetEnvironmentVariable("NOTIFY_SOCKET"))
    {
    }

    public bool IsEnabled { get; }

    public TimeSpan? WatchdogInterval { get; }

    public void Ready() => Send(NotifyMessages.Ready);

    public void Status(string text) => Send(NotifyMessages.Status(text));

    public void Watchdog() => Send(NotifyMessages.Watchdog);

    public void Stopping() => Send(NotifyMessages.Stopping);

    private void Send(string state)
    {
        if (!IsEnabled)
        {
            return;
        }
        var result = LibSystemd.Notify(0, state);
        if (result < 0)
        {
            // WATCHDOG=1 fails every few seconds if the socket is gone: warn once per kind, then debug.
            bool first;
            lock (failedKinds)
            {
                first = failedKinds.Add(state.Split('=')[0]);
            }
            var level = first ? LogLevel.Warning : LogLevel.Debug;
            logger.Log(level, "sd_notify(\"{State}\") failed: {Error} (NOTIFY_SOCKET={Socket})",
                state, Marshal.GetPInvokeErrorMessage(-result), Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));
        }
    }

    private TimeSpan? ReadWatchdogInterval()
    {
        var result = LibSystemd.WatchdogEnabled(0, out var microseconds);
        if (result < 0)
        {
            logger.LogWarning("sd_watchdog_enabled failed: {Error}; check WATCHDOG_USEC and WATCHDOG_PID", Marshal.GetPInvokeErrorMessage(-result));
            return null;
        }
        return result > 0 ? TimeSpan.FromMicroseconds(microseconds) : null;
    }
}
