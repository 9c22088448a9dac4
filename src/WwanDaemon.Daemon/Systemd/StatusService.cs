using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WwanDaemon.Daemon.Fleet;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Systemd.Notify;

namespace WwanDaemon.Daemon.Systemd;

/// <summary>
/// Keeps systemctl status's "Status:" line current with the fleet ("2 modems: 1 connected, 1 searching"):
/// sent at start and whenever the text changes after a modem changed or went away.
/// </summary>
public sealed class StatusService(ISystemdNotifier notifier, IModemFleet? fleet, ILogger<StatusService> logger) : BackgroundService
{
    private readonly Lock gate = new();
    private string? lastStatus;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (fleet is null)
        {
            Send("no modem supervisor in this build");
            return;
        }
        void OnChanged(ModemSnapshot _) => Report();
        void OnRemoved(string _) => Report();
        fleet.Changed += OnChanged;
        fleet.Removed += OnRemoved;
        try
        {
            Report();
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutdown: nothing left to report.
        }
        finally
        {
            fleet.Changed -= OnChanged;
            fleet.Removed -= OnRemoved;
        }
    }

    private void Report() => Send(FleetStatusText.Describe(fleet!.Snapshot()));

    private void Send(string status)
    {
        lock (gate)
        {
            if (status == lastStatus)
            {
                return;
            }
            lastStatus = status;
        }
        logger.LogDebug("Status: {Status}", status);
        notifier.Status(status);
    }
}
