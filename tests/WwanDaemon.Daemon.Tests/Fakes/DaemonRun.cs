using System.Collections;
using WwanDaemon.Daemon.Fleet;
using WwanDaemon.Daemon.Hosting;

namespace WwanDaemon.Daemon.Tests.Fakes;

/// <summary>Runs wwan-daemon in-process with captured stdout/stderr and a given environment.</summary>
public sealed record DaemonRun(int ExitCode, string Output, string Error)
{
    public static async Task<DaemonRun> RunAsync(IFleetFactory fleet, IDictionary? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await DaemonProgram.RunAsync(args, output, error, new DaemonWiring(fleet, environment ?? new Hashtable()));
        return new DaemonRun(exitCode, output.ToString(), error.ToString());
    }

    public static Task<DaemonRun> RunAsync(params string[] args) => RunAsync(Hosting.ProductionWiring.FleetFactory, null, args);
}
