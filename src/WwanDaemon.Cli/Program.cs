using System.Runtime.InteropServices;
using WwanDaemon.Cli.Commands;

namespace WwanDaemon.Cli;

/// <summary>wwanctl: inspect and control cellular modems.</summary>
public static class Program
{
    public const string Usage = """
        wwanctl - inspect and control cellular (WWAN) modems

        Usage:
          wwanctl [--bus ADDRESS] COMMAND [options]

        Commands that ask the running wwan-daemon (over D-Bus):
          list                                   the modems, and the devices seen that are not modems
          status [MODEM]                         one modem in detail: state and why, SIM, network, signal, ports, IP
          connect [MODEM] --apn APN [...]        connect (ModemManager's Simple.Connect) and print the IP settings
          disconnect [MODEM]                     disconnect; the modem stays disconnected
          pin [MODEM] PIN | --pin-stdin          unlock the SIM
          watch [MODEM] [--count N]              print state, signal and modem added/removed events until Ctrl-C
          wait [MODEM] --state STATE [--timeout S]  wait for a state (for boot scripts); exit 1 on timeout
          diagnose [--modem MODEM]               the daemon's diagnosis of the USB composition

        Commands that need no daemon:
          diagnose FILE|-|--sysfs ROOT|--sample NAME|--demo   explain a modem's USB composition from a dump
          samples                                the built-in sample dumps

        Global options:
          --bus ADDRESS   the D-Bus to reach wwan-daemon on; default the system bus ($DBUS_SYSTEM_BUS_ADDRESS
                          is honoured). Every daemon command takes --json for machine-readable output.
          --help          this text; 'wwanctl COMMAND --help' for a command's options and examples

        MODEM: the index N of /org/freedesktop/ModemManager1/Modem/N, the Id (USB bus path, e.g. 1-6),
        or the object path; optional when there is exactly one modem.

        Exit status: 0 done, 1 failed (wrong PIN, connection refused, wait timed out), 2 bad arguments
        or unknown modem, 69 wwan-daemon not running or no bus, 77 not allowed (root or group netdev).

        Try it without a modem, on a private bus with the simulated daemon:
          dbus-daemon --session --address=unix:path=/tmp/wwan-bus --fork
          DBUS_SYSTEM_BUS_ADDRESS=unix:path=/tmp/wwan-bus wwan-daemon --simulate default &
          wwanctl --bus unix:path=/tmp/wwan-bus list
          wwanctl --bus unix:path=/tmp/wwan-bus wait --state connected --timeout 60
          wwanctl --bus unix:path=/tmp/wwan-bus status --json

        Examples:
          wwanctl list
          wwanctl connect --apn internet --ip-type ipv4v6
          wwanctl wait --state connected --timeout 120
          wwanctl diagnose --sample seed-004
        """;

    public static int Main(string[] args)
    {
        using var interrupted = new CancellationTokenSource();
        // watch and wait end cleanly on Ctrl-C/SIGTERM (exit 0 / exit 1 with the last state);
        // every other command keeps the default: the signal ends the process at once.
        var endsCleanly = CommandName(args) is "watch" or "wait";
        void Stop(PosixSignalContext signal)
        {
            signal.Cancel = endsCleanly;
            interrupted.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        try
        {
            return Run(args, Console.In, Console.Out, Console.Error, interrupted.Token);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            // A bug, not bad input (bad input exits 2 with a message): say so, with what to report.
            Console.Error.WriteLine($"wwanctl: internal error ({failure.GetType().Name}: {failure.Message}). Please report it with the input that caused it.");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>The command word: the first argument after any global --bus ADDRESS.</summary>
    public static string? CommandName(IReadOnlyList<string> args) => SplitGlobalBus(args).CommandLine.FirstOrDefault();

    /// <summary>
    /// Splits the global --bus ADDRESS / --bus=ADDRESS options before the command from the rest.
    /// Missing is true when the last --bus has no address.
    /// </summary>
    private static (string[] Bus, string[] CommandLine, bool Missing) SplitGlobalBus(IReadOnlyList<string> args)
    {
        var i = 0;
        while (i < args.Count && (args[i] == "--bus" || args[i].StartsWith("--bus=", StringComparison.Ordinal)))
        {
            if (args[i] == "--bus" && i + 1 >= args.Count)
            {
                return ([.. args.Take(i)], [], true);
            }
            i += args[i] == "--bus" ? 2 : 1;
        }
        return ([.. args.Take(i)], [.. args.Skip(i)], false);
    }

    /// <summary>The whole program with its streams passed in, so tests run it in-process too.</summary>
    public static int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error) =>
        Run(args, input, output, error, CancellationToken.None);

    /// <param name="args">The command line.</param>
    /// <param name="input">Standard input (dumps, --pin-stdin).</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancel">Ctrl-C/SIGTERM: ends watch and wait.</param>
    /// <param name="ready">Called by watch and wait once they are subscribed (tests).</param>
    public static int Run(IReadOnlyList<string> args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancel, Action? ready = null)
    {
        // The global --bus may come before the command; hand it to the commands that talk to the daemon.
        var (bus, commandLine, missing) = SplitGlobalBus(args);
        if (missing)
        {
            return ExitCodes.UsageError(error, "--bus needs an address (e.g. unix:path=/run/dbus/system_bus_socket).");
        }
        args = commandLine;
        if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
        {
            output.WriteLine(Usage);
            return args.Count == 0 ? ExitCodes.Usage : ExitCodes.Ok;
        }
        var own = args.Skip(1).ToArray();
        var rest = own.Concat(bus).ToArray();
        var context = new LiveCommand.Context(input, output, error, cancel, ready);
        return args[0] switch
        {
            "list" => ListCommand.Run(rest, context),
            "status" => StatusCommand.Run(rest, context),
            "connect" => ConnectCommand.Run(rest, context),
            "disconnect" => DisconnectCommand.Run(rest, context),
            "pin" => PinCommand.Run(rest, context),
            "watch" => WatchCommand.Run(rest, context),
            "wait" => WaitCommand.Run(rest, context),
            "diagnose" when LiveDiagnoseCommand.IsLive(own) => LiveDiagnoseCommand.Run(rest, context),
            "diagnose" => DiagnoseCommand.Run(own, input, output, error), // an offline input: the bus plays no part
            "samples" => SamplesCommand.Run(output),
            _ => ExitCodes.UsageError(error, $"unknown command '{args[0]}'. Commands: list, status, connect, disconnect, pin, watch, wait, diagnose, samples. See 'wwanctl --help'."),
        };
    }
}
