using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WwanDaemon.Daemon.Configuration;
using WwanDaemon.Daemon.Fleet;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.Tests.Fakes;

/// <summary>
/// Stands in for the lead's supervisor: registers a FakeModemFleet and a hosted service that walks
/// one modem through <paramref name="states"/> once the host has started.
/// </summary>
public sealed class FakeFleetFactory(params (ModemState State, string? Reason)[] states) : IFleetFactory
{
    public FakeModemFleet Fleet { get; } = new();

    public string? Scenario { get; private set; }

    public void AddHardwareFleet(IServiceCollection services, DaemonOptions options) => Add(services);

    public void AddSimulatedFleet(IServiceCollection services, string scenario, DaemonOptions options)
    {
        Scenario = scenario;
        Add(services);
    }

    private void Add(IServiceCollection services)
    {
        services.AddSingleton<IModemFleet>(Fleet);
        services.AddHostedService(_ => new ScriptedModem(Fleet, states));
    }

    private sealed class ScriptedModem(FakeModemFleet fleet, (ModemState State, string? Reason)[] states) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            foreach (var (state, reason) in states)
            {
                await Task.Delay(20, stoppingToken);
                fleet.Set(FakeModemFleet.Modem("1-6", state, reason));
            }
        }
    }
}
