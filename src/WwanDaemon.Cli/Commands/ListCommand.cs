using WwanDaemon.Cli.Formatting;

namespace WwanDaemon.Cli.Commands;

/// <summary><c>wwanctl list</c>: the modems and the devices seen that are not modems.</summary>
public static class ListCommand
{
    public const string Help = $"""
        wwanctl list - the modems wwan-daemon manages, and the devices it saw that are not modems

        Usage:
          wwanctl list [--json] [--bus ADDRESS]

        Each modem: index, manufacturer and model, state, Id (USB bus path), control port.
        Each other device: Id, USB vendor:product, description, why it is not handled as a modem.

        Options:
        {LiveCommand.BusHelp}
        Examples:
          wwanctl list
          wwanctl list --json | jq '.modems[].id'
        """;

    public static int Run(IReadOnlyList<string> args, LiveCommand.Context context) =>
        LiveCommand.Run("list", Help, args, context, [], [], 0, async (client, parsed) =>
        {
            var snapshot = await client.ReadAsync().ConfigureAwait(false);
            context.Output.Write(parsed.Json ? ModemJsonFormatter.Write(ModemJsonFormatter.List(snapshot)) + "\n" : ModemTextFormatter.List(snapshot));
            return ExitCodes.Ok;
        });
}
