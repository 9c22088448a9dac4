using WwanDaemon.Simulator.Ports;

namespace WwanDaemon.Simulator.Tool;

/// <summary>wwan-sim: simulated modem ports for testing the daemon without hardware.</summary>
public static class Program
{
    public static string Usage(SimulatedPortRegistry registry)
    {
        var protocols = string.Join(Environment.NewLine, registry.Protocols.Select(p =>
            $"                    {p.Protocol,-6}  {p.Description}; profiles: {string.Join(", ", p.Profiles)} (default {p.Profiles[0]})"));
        return $"""
            wwan-sim - simulated cellular modem ports, for testing without hardware

            Usage:
              wwan-sim port --protocol NAME --link PATH [--profile NAME]
              wwan-sim --help

            port
              Creates a pseudo-terminal in raw mode (8-bit clean, no echo, no CR/LF translation),
              makes PATH a symbolic link to its slave (/dev/pts/N), and answers on it as the
              simulated device until SIGTERM or SIGINT; then removes PATH and exits 0.
              Clients open PATH like a modem's serial or cdc-wdm port, as often as they like.

              --protocol NAME   what the device speaks (required). Built in:
            {protocols}
              --link PATH       where to put the link (required). An existing symbolic link there is
                                replaced; a regular file or directory is never overwritten.
              --profile NAME    which device to play; the protocol's default when left out.

            When the port is ready wwan-sim prints exactly one line on standard output and flushes it:
              ready PATH /dev/pts/N
            Scripts wait for that line before opening PATH.

            AT ports: DTR follows the host's line speed on the pty (B0 = dropped, any other speed =
            raised); the needs-dtr profile answers only while it is raised. When the modem
            re-enumerates (sim7600-rndis: AT+CUSBPIDSWITCH=9001,1,1 or 9003,1,1, AT+CRESET) the port
            is gone as on an unplugged modem: wwan-sim prints
              gone PATH: the modem re-enumerated as VVVV:PPPP
            removes PATH, closes the pty (clients read EIO) and exits 0.

            Exit status: 0 after SIGTERM/SIGINT or a re-enumeration (link removed), 1 when the port cannot be set up or the
            simulator fails, 2 for bad arguments (unknown protocol or profile, missing option, PATH
            not a link), 70 for a bug in wwan-sim.

            Examples:
              wwan-sim port --protocol echo --link /tmp/modem &
              printf 'AT\r' > /tmp/modem
              wwan-sim port --protocol at --link /tmp/ttyUSB2 --profile sim7600-rndis &
            """;
    }

    public static async Task<int> Main(string[] args)
    {
        try
        {
            return await RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // A bug, not bad input (bad input exits 2 with a message): say so, with what to report.
            await Console.Error.WriteLineAsync($"wwan-sim: internal error ({failure.GetType().Name}: {failure.Message}). Please report it with the command line used.").ConfigureAwait(false);
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The whole program with its output streams passed in.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        var registry = SimulatedPortRegistry.CreateDefault();
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Usage(registry));
            return Task.FromResult(args.Count == 0 ? ExitCodes.Usage : ExitCodes.Ok);
        }
        return args[0] switch
        {
            "port" => PortCommand.RunAsync(args.Skip(1).ToArray(), registry, output, error),
            _ => Task.FromResult(ExitCodes.UsageError(error, $"unknown command '{args[0]}'. Commands: port. See 'wwan-sim --help'.")),
        };
    }
}
