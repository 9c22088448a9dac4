using WwanDaemon.Cli.Live;
using WwanDaemon.DBus.Client;

namespace WwanDaemon.Cli.Commands;

/// <summary>
/// What every command that talks to wwan-daemon shares: parsing its options, --help, connecting to
/// the bus (--bus ADDRESS, else the system bus), and turning D-Bus failures into messages and exit statuses.
/// </summary>
public static class LiveCommand
{
    /// <summary>How the tests and the process entry pass the streams and Ctrl-C.</summary>
    /// <param name="Input">Standard input.</param>
    /// <param name="Output">Standard output.</param>
    /// <param name="Error">Standard error.</param>
    /// <param name="Cancel">Ctrl-C or SIGTERM.</param>
    /// <param name="Ready">Called by watch and wait once their subscriptions are in place (tests start events after it).</param>
    public sealed record Context(TextReader Input, TextWriter Output, TextWriter Error, CancellationToken Cancel, Action? Ready = null);

    public static int Run(
        string name, string help, IReadOnlyList<string> args, Context context,
        string[] valueOptions, string[] flagOptions, int maxPositionals,
        Func<DaemonClient, CommandArguments, Task<int>> body,
        Func<CommandArguments, string?>? validate = null)
    {
        var parsed = CommandArguments.Parse(args, valueOptions, flagOptions, maxPositionals, out var problem);
        if (parsed is null)
        {
            return ExitCodes.UsageError(context.Error, $"{problem} See 'wwanctl {name} --help'.");
        }
        if (parsed.Help)
        {
            context.Output.WriteLine(help);
            return ExitCodes.Ok;
        }
        if (validate?.Invoke(parsed) is { } invalid)
        {
            return ExitCodes.UsageError(context.Error, invalid);
        }
        var bus = parsed.Bus ?? "the system bus";
        try
        {
            using var client = DaemonClient.Connect(parsed.Bus);
            return body(client, parsed).GetAwaiter().GetResult();
        }
        catch (DBusException failure)
        {
            var error = DaemonErrors.Map(failure, bus);
            return ExitCodes.Fail(context.Error, error.ExitCode, error.Message);
        }
        catch (ObjectDisposedException lost)
        {
            return ExitCodes.Fail(context.Error, ExitCodes.Unavailable, $"lost the connection to {bus}: {lost.Message}");
        }
    }

    /// <summary>Reads the daemon and picks the modem; writes the error and returns null when there is none.</summary>
    public static async Task<(ModemView? Modem, int Exit)> SelectAsync(DaemonClient client, string? selector, TextWriter error)
    {
        var snapshot = await client.ReadAsync().ConfigureAwait(false);
        var (modem, problem) = ModemSelector.Select(snapshot.Modems, selector);
        if (problem is not null)
        {
            return (null, ExitCodes.Fail(error, problem.ExitCode, problem.Message));
        }
        return (modem, ExitCodes.Ok);
    }

    public const string BusHelp = """
          --bus ADDRESS    the D-Bus to reach wwan-daemon on (default: the system bus, or
                           $DBUS_SYSTEM_BUS_ADDRESS); e.g. unix:path=/tmp/wwan-bus/bus
          --json           machine-readable output
        MODEM is the index N of /org/freedesktop/ModemManager1/Modem/N, the USB bus path (Id, e.g.
        1-6) or the object path; it may be left out when there is exactly one modem.
        """;
}
