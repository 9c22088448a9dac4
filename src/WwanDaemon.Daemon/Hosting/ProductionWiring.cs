using WwanDaemon.Daemon.Fleet;

namespace WwanDaemon.Daemon.Hosting;

/// <summary>What Program.Main runs with; the one place the modem supervisor gets plugged in.</summary>
public static class ProductionWiring
{
    public static IFleetFactory FleetFactory { get; } = new Supervision.SupervisedFleetFactory();
}
