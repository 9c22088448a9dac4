using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WwanDaemon.Linux.Uevents;
using WwanDaemon.Supervision;

namespace WwanDaemon.Daemon.Supervision;

/// <summary>The long-lived loop that watches devices and supervises every modem (one per host).</summary>
public sealed class FleetSupervisorService(FleetSupervisor supervisor, IUeventSource source, ILogger<FleetSupervisorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await supervisor.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("modem supervision stopped");
        }
        finally
        {
            await source.DisposeAsync().ConfigureAwait(false);
        }
    }
}
