using System.Text.Json.Nodes;
using WwanDaemon.Cli.Formatting;

namespace WwanDaemon.Cli.Commands;

/// <summary><c>wwanctl disconnect [MODEM]</c>: Simple.Disconnect("/").</summary>
public static class DisconnectCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public const string Help = $"""
        wwanctl disconnect - disconnect a modem (every bearer)

        Usage:
          wwanctl disconnect [MODEM] [--json] [--bus ADDRESS]

        Calls org.freedesktop.ModemManager1.Modem.Simple.Disconnect("/"). The modem stays
        disconnected (wwan-daemon does not reconnect it) until 'wwanctl connect'.

        Options:
        {LiveCommand.BusHelp}
        Examples:
          wwanctl disconnect
          wwanctl disconnect 0 && wwanctl wait 0 --state registered --timeout 30
        """;

    public static int Run(IReadOnlyList<string> args, LiveCommand.Context context) =>
        LiveCommand.Run("disconnect", Help, args, context, [], [], 1, async (client, parsed) =>
        {
            var (modem, exit) = await LiveCommand.SelectAsync(client, parsed.Modem, context.Error).ConfigureAwait(false);
            if (modem is null)
            {
                return exit;
            }
            await client.DisconnectAsync(modem.Path, Timeout).ConfigureAwait(false);
            context.Output.WriteLine(parsed.Json
                ? ModemJsonFormatter.Write(new JsonObject { ["path"] = modem.Path, ["id"] = modem.Id, ["disconnected"] = true })
                : $"{modem.Label}: disconnected");
            return ExitCodes.Ok;
        });
}
