using Microsoft.Extensions.DependencyInjection;
using WwanDaemon.Daemon.Configuration;

namespace WwanDaemon.Daemon.Fleet;

/// <summary>
/// Where the host's modems come from. An implementation registers an <see cref="Modem.Fleet.IModemFleet"/>
/// singleton and the hosted services that drive it (the modem supervisor; for a simulation, the
/// simulated machine too). The host only reads the fleet: StatusService, --until and the JSON line.
/// </summary>
public interface IFleetFactory
{
    /// <summary>Registers the fleet of real modems under <see cref="DaemonOptions.SysfsRoot"/> and <see cref="DaemonOptions.DevRoot"/>.</summary>
    /// <exception cref="FleetNotWiredException">No supervisor is wired in yet.</exception>
    void AddHardwareFleet(IServiceCollection services, DaemonOptions options);

    /// <summary>Registers a simulated machine built for <paramref name="scenario"/> (one of SimulationScenarios.Names) and the fleet over it.</summary>
    /// <exception cref="FleetNotWiredException">No simulation is wired in yet.</exception>
    void AddSimulatedFleet(IServiceCollection services, string scenario, DaemonOptions options);
}

/// <summary>The modem supervisor (or the simulation) is not part of this build yet.</summary>
public sealed class FleetNotWiredException(string message) : Exception(message)
{
}
