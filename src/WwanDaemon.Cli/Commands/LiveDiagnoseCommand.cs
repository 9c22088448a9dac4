using System.Text.Json;
using WwanDaemon.Cli.Formatting;

namespace WwanDaemon.Cli.Commands;

/// <summary>
/// <c>wwanctl diagnose</c> without an input: the running daemon's diagnosis (own interface Diagnose()
/// on the manager, or on one modem with --modem). The JSON is the same as <c>wwanctl diagnose --json</c>'s.
/// </summary>
public static class LiveDiagnoseCommand
{
    /// <summary>Whether diagnose's arguments ask for the daemon: no FILE, '-', --sysfs, --sample or --demo.</summary>
    public static bool IsLive(IReadOnlyList<string> args)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            return false;
        }
        if (args.Any(a => a is "--bus" or "--modem" || a.StartsWith("--bus=", StringComparison.Ordinal) || a.StartsWith("--modem=", StringComparison.Ordinal)))
        {
            return true;
        }
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--sysfs" or "--sample" or "--demo" or "-":
                    return false;
                case "--policy":
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
