using Microsoft.Extensions.DependencyInjection;
using WwanDaemon.Daemon.Configuration;
using WwanDaemon.Daemon.Fleet;

namespace WwanDaemon.Daemon.Hosting;

/// <summary>
/// The fleet factory until the modem supervisor lands (issue 6, lead's Supervision/): says so
/// instead of running a daemon that silently manages nothing. Replace it in <see cref="ProductionWiring"/>.
/// </summary>
public sealed class UnwiredFleetFactory : IFleetFactory
{
    public void AddHardwareFleet(IServiceCollection services, DaemonOptions options) =>
        throw new FleetNotWiredException("the modem supervisor is not wired yet: this build can host systemd readiness and logging but manages no modems (IFleetFactory.AddHardwareFleet).");

    public void AddSimulatedFleet(IServiceCollection services, string scenario, DaemonOptions options) =>
        throw new FleetNotWiredException($"--simulate is not wired yet: no simulated fleet for scenario '{scenario}' (IFleetFactory.AddSimulatedFleet has no implementation in this build).");
}
