using WwanDaemon.Cli.Formatting;

namespace WwanDaemon.Cli.Commands;

/// <summary><c>wwanctl status [MODEM]</c>: one modem in detail.</summary>
public static class StatusCommand
{
    public const string Help = $"""
        wwanctl status - one modem in detail

        Usage:
          wwanctl status [MODEM] [--json] [--bus ADDRESS]

        Identity, state and why (wwan-daemon's reason), SIM lock and PIN/PUK tries left, operator,
        registration, signal, access technology, ports, the USB configuration with wwan-daemon's
        actions and warnings, and the bearer's interface and IP settings when connected.

        Options:
        {LiveCommand.BusHelp}
        Examples:
          wwanctl status
          wwanctl status 1-6 --json
        """;

    public static int Run(IReadOnlyList<string> args, LiveCommand.Context context) =>
        LiveCommand.Run("status", Help, args, context, [], [], 1, async (client, parsed) =>
        {
            var (modem, exit) = await LiveCommand.SelectAsync(client, parsed.Modem, context.Error).ConfigureAwait(false);
            if (modem is null)
            {
                return exit;
            }
            context.Output.Write(parsed.Json ? ModemJsonFormatter.Write(ModemJsonFormatter.Status(modem)) + "\n" : ModemTextFormatter.Status(modem));
            return ExitCodes.Ok;
        });
}
