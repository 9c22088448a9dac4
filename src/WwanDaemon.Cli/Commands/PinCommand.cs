using System.Text.Json.Nodes;
using WwanDaemon.Cli.Formatting;
using WwanDaemon.Cli.Live;
using WwanDaemon.DBus.Client;

namespace WwanDaemon.Cli.Commands;

/// <summary><c>wwanctl pin [MODEM] PIN</c> or <c>--pin-stdin</c>: Sim.SendPin on the modem's SIM.</summary>
public static class PinCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public const string Help = $"""
        wwanctl pin - unlock the SIM with its PIN

        Usage:
          wwanctl pin [MODEM] PIN [--json] [--bus ADDRESS]
          wwanctl pin [MODEM] --pin-stdin           read the PIN from standard input, so it is not
                                                    visible in ps or the shell's history

        Calls org.freedesktop.ModemManager1.Sim.SendPin on the modem's SIM. A PIN is 4 to 8 digits.
        On a wrong PIN the message says how many tries are left; at 0 the SIM wants its PUK.

        Options:
          --pin-stdin      read the PIN from the first line of standard input
        {LiveCommand.BusHelp}
        Exit status: 0 unlocked, 1 wrong PIN or no SIM, 2 bad arguments, 69 not running, 77 not allowed.

        Examples:
          wwanctl pin 1234
          systemd-ask-password "SIM PIN:" | wwanctl pin 1-6 --pin-stdin
        """;

    public static int Run(IReadOnlyList<string> args, LiveCommand.Context context)
    {
        string? pin = null;
        string? selector = null;
        return LiveCommand.Run("pin", Help, args, context, [], ["--pin-stdin"], 2,
            async (client, parsed) =>
            {
                var (modem, exit) = await LiveCommand.SelectAsync(client, selector, context.Error).ConfigureAwait(false);
                if (modem is null)
                {
                    return exit;
                }
                if (modem.SimPath is not { } sim)
                {
                    return ExitCodes.Fail(context.Error, ExitCodes.Failure, $"{modem.Label} has no SIM object (no SIM card inserted?)");
                }
                try
                {
                    await client.SendPinAsync(sim, pin!, Timeout).ConfigureAwait(false);
                }
                catch (DBusException failure) when (failure.ErrorName?.EndsWith(".IncorrectPassword", StringComparison.Ordinal) == true)
                {
                    var after = await TriesLeftAsync(client, modem.Path, modem.PinRetries).ConfigureAwait(false);
                    var error = DaemonErrors.Map(failure, client.BusDescription, after);
                    return ExitCodes.Fail(context.Error, error.ExitCode, $"{modem.Label}: {error.Message}");
                }
                context.Output.WriteLine(parsed.Json
                    ? ModemJsonFormatter.Write(new JsonObject { ["path"] = modem.Path, ["id"] = modem.Id, ["unlocked"] = true })
                    : $"{modem.Label}: SIM unlocked");
                return ExitCodes.Ok;
            },
            parsed =>
            {
                var words = parsed.Positionals.ToList();
                if (parsed.Flag("--pin-stdin"))
                {
                    if (words.Count > 1)
                    {
                        return "with --pin-stdin give at most MODEM, not the PIN.";
                    }
                    pin = context.Input.ReadLine()?.Trim() ?? "";
                    selector = words.FirstOrDefault();
                    return InputValidation.CheckPin(pin, "PIN (standard input)");
                }
                if (words.Count == 0)
                {
                    return "pin needs the PIN (or --pin-stdin). See 'wwanctl pin --help'.";
                }
                pin = words[^1];
                selector = words.Count == 2 ? words[0] : null;
                return InputValidation.CheckPin(pin, "PIN");
            });
    }

    /// <summary>
    /// The PIN tries left after a wrong PIN. The daemon answers the call before its snapshot (and so
    /// UnlockRetries) catches up, so read again for a moment until the count drops below
    /// <paramref name="before"/>; null (no number printed) rather than a stale count.
    /// </summary>
    private static async Task<uint?> TriesLeftAsync(DaemonClient client, string modemPath, uint? before)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        try
        {
            while (true)
            {
                var snapshot = await client.ReadAsync().ConfigureAwait(false);
                var tries = snapshot.Modems.FirstOrDefault(m => m.Path == modemPath)?.PinRetries;
                if (tries is not null && (before is null || tries < before))
                {
                    return tries;
                }
                if (DateTime.UtcNow >= deadline)
                {
                    return null;
                }
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
        catch (DBusException)
        {
            return null;
        }
    }
}
