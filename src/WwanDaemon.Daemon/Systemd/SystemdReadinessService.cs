using Microsoft.Extensions.Hosting;
using WwanDaemon.Systemd.Notify;

namespace WwanDaemon.Daemon.Systemd;

/// <summary>
/// READY=1 once every hosted service has started (Type=notify: systemctl start returns then, and
/// units ordered After= us start), STOPPING=1 as soon as shutdown begins.
/// </summary>
public sealed class SystemdReadinessService(ISystemdNotifier notifier, IHostApplicationLifetime lifetime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(notifier.Ready);
        lifetime.ApplicationStopping.Register(notifier.Stopping);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
