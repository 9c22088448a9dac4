using System.Text.Json;
using WwanDaemon.Cli.Formatting;

namespace WwanDaemon.Cli.Commands;

/// <summary>
/// <c>wwanctl diagnose</c> without an input: the running daemon's diagnosis (own interface Diagnose()
/// on the manager, or on one modem with --modem). The JSON is the same as <c>wwanctl diagnose --json</c>'s.
/// </summary>
public static class LiveDiagnoseCommand
{
    /// <summary>
    /// Whether diagnose's arguments ask for the daemon: no FILE, '-', --sysfs, --sample or --demo. An offline
    /// input wins over --bus and --modem, whose values are skipped like --policy's.
    /// </summary>
    public static bool IsLive(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h" or "--sysfs" or "--sample" or "--demo" or "-":
                    return false;
                case "--policy" or "--bus" or "--modem":
                    i++; // its value
                    break;
                case var word when !word.StartsWith("--", StringComparison.Ordinal):
                    return false; // a FILE
            }
        }
        return true;
    }

    public static int Run(IReadOnlyList<string> args, LiveCommand.Context context) =>
        LiveCommand.Run("diagnose", DiagnoseCommand.Help, args, context, ["--modem", "--policy"], [], 0, async (client, parsed) =>
        {
            string? path = null;
            if (parsed.Value("--modem") is { } selector)
            {
                var (modem, exit) = await LiveCommand.SelectAsync(client, selector, context.Error).ConfigureAwait(false);
                if (modem is null)
                {
                    return exit;
                }
                path = modem.Path;
            }
            var json = await client.DiagnoseAsync(path).ConfigureAwait(false);
            if (parsed.Json)
            {
                context.Output.WriteLine(json);
                return ExitCodes.Ok;
            }
            try
            {
                using var document = JsonDocument.Parse(json);
                context.Output.Write(LiveDiagnosisTextFormatter.Write(document.RootElement));
            }
            catch (JsonException failure)
            {
                return ExitCodes.Fail(context.Error, ExitCodes.Failure, $"wwan-daemon's Diagnose() returned JSON wwanctl cannot read ({failure.Message}); try --json");
            }
            return ExitCodes.Ok;
        },
        parsed => parsed.Values.ContainsKey("--policy") ? "--policy applies to a dump or --sysfs; the daemon diagnoses with its own policy." : null);
}
