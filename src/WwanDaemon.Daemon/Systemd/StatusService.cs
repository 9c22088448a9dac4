using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WwanDaemon.Daemon.Fleet;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Systemd.Notify;

namespace WwanDaemon.Daemon.Systemd;

/// <summary>
/// Keeps systemctl status's "Status:" line current with the fleet ("2 modems: 1 connected, 1 searching"):
/// sent at start and whenever the text changes after a modem changed or went away. Event-driven, so
/// a plain hosted service rather than a BackgroundService loop; it subscribes before StartAsync
/// returns, so no change after start is missed.
/// </summary>
public sealed class StatusService(ISystemdNotifier notifier, IModemFleet? fleet, ILogger<StatusService> logger) : IHostedService
{
    private readonly Lock gate = new();
    private string? lastStatus;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (fleet is null)
        {
            Send("no modem supervisor in this build");
            return Task.CompletedTask;
        }
        fleet.Changed += OnChanged;
        fleet.Removed += OnRemoved;
        Report();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (fleet is not null)
        {
            fleet.Changed -= OnChanged;
            fleet.Removed -= OnRemoved;
        }
        return Task.CompletedTask;
    }

    private void OnChanged(ModemSnapshot snapshot) => Report();

    private void OnRemoved(string id) => Report();

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
            // Under the lock: two changes racing must not send their texts out of order.
            notifier.Status(status);
        }
        logger.LogDebug("Status: {Status}", status);
    }
}
