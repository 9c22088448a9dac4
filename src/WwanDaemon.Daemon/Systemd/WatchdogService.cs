using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WwanDaemon.Systemd.Notify;

namespace WwanDaemon.Daemon.Systemd;

/// <summary>
/// WATCHDOG=1 at half the unit's WatchdogSec (sd_watchdog_enabled(3) recommends pinging at half the
/// interval), so one late tick does not get the daemon killed. Does nothing when no watchdog is armed.
/// </summary>
public sealed class WatchdogService(ISystemdNotifier notifier, TimeProvider time, ILogger<WatchdogService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (notifier.WatchdogInterval is not { } interval)
        {
            logger.LogDebug("No systemd watchdog armed (WatchdogSec unset or not under systemd); not pinging");
            return;
        }
        var period = interval / 2;
        logger.LogInformation("systemd watchdog armed at {WatchdogSeconds} s; pinging every {PingSeconds} s", interval.TotalSeconds, period.TotalSeconds);
        using var timer = new PeriodicTimer(period, time);
        notifier.Watchdog();
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            notifier.Watchdog();
        }
    }
}
