using WwanDaemon.Daemon.CommandLine;
using WwanDaemon.Daemon.Hosting;

namespace WwanDaemon.Daemon;

/// <summary>wwan-daemon: the modem daemon (see --help).</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            return await DaemonProgram.RunAsync(args, Console.Out, Console.Error,
                new DaemonWiring(ProductionWiring.FleetFactory, Environment.GetEnvironmentVariables())).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // A bug, not bad input or configuration (those exit 64/78 with a message): say so, with what to report.
            await Console.Error.WriteLineAsync($"wwan-daemon: internal error ({failure.GetType().Name}: {failure.Message}). Please report it with the command line and configuration.").ConfigureAwait(false);
            return ExitCodes.Software;
        }
    }
}
