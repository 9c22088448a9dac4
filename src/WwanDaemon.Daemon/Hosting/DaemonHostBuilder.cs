using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using WwanDaemon.Daemon.Configuration;
using WwanDaemon.Daemon.Systemd;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Systemd.Notify;

namespace WwanDaemon.Daemon.Hosting;

/// <summary>The generic host with the daemon's services; the fleet is registered by the caller through IFleetFactory.</summary>
public static class DaemonHostBuilder
{
    public static HostApplicationBuilder Create(DaemonOptions options, Serilog.Core.Logger logger, DaemonWiring wiring)
    {
        // No defaults: no appsettings.json, DOTNET_ variables or console logger; configuration is ours (DaemonConfiguration).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "wwan-daemon",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace); // Serilog filters by DaemonOptions.LogLevel.
        builder.Logging.AddSerilog(logger, dispose: false);
        var services = builder.Services;
        services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        var notifySocket = wiring.Variable("NOTIFY_SOCKET");
        services.AddSingleton<ISystemdNotifier>(sp => new SystemdNotifier(sp.GetRequiredService<ILogger<SystemdNotifier>>(), notifySocket));
        services.AddHostedService<SystemdReadinessService>();
        services.AddHostedService<WatchdogService>();
        services.AddHostedService(sp => new StatusService(
            sp.GetRequiredService<ISystemdNotifier>(), sp.GetService<IModemFleet>(), sp.GetRequiredService<ILogger<StatusService>>()));
        return builder;
    }
}
