using System.Collections;
using Microsoft.Extensions.DependencyInjection;
using WwanDaemon.Daemon.Fleet;

namespace WwanDaemon.Daemon.Hosting;

/// <summary>What a run depends on from outside the command line: the fleet factory and the process environment.</summary>
/// <param name="FleetFactory">Registers the modems' fleet (ProductionWiring.FleetFactory in Program.Main).</param>
/// <param name="Environment">The environment: WWAN_DAEMON_* configuration, NOTIFY_SOCKET, JOURNAL_STREAM.</param>
/// <param name="ConfigureServices">Last-word registrations (tests swap the notifier or the time provider).</param>
public sealed record DaemonWiring(IFleetFactory FleetFactory, IDictionary Environment, Action<IServiceCollection>? ConfigureServices = null)
{
    public string? Variable(string name) => Environment[name] as string;
}
