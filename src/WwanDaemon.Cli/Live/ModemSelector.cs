using System.Globalization;

namespace WwanDaemon.Cli.Live;

/// <summary>
/// Picks the modem a command is about: none given and exactly one modem; the index N of
/// /org/freedesktop/ModemManager1/Modem/N; our Id (the USB bus path, "1-6"); or a full object path.
/// </summary>
public static class ModemSelector
{
    public static bool Matches(ModemView modem, string selector) => selector switch
    {
        _ when selector.StartsWith('/') => modem.Path == selector,
        _ when int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && !selector.Contains('-', StringComparison.Ordinal) => modem.Index == index,
        _ => modem.Id == selector,
    };

    /// <summary>The modem, or a message and exit status 2 (unknown, ambiguous), 1 (no modem at all).</summary>
    public static (ModemView? Modem, CliError? Error) Select(IReadOnlyList<ModemView> modems, string? selector)
    {
        if (selector is null)
        {
            return modems.Count switch
            {
                1 => (modems[0], null),
                0 => (null, new CliError(Commands.ExitCodes.Failure, "no modem: wwan-daemon manages none right now (see 'wwanctl list' for the devices it saw)")),
                _ => (null, new CliError(Commands.ExitCodes.Usage, $"{modems.Count} modems: name one (index, Id or object path):\n{Listing(modems)}")),
            };
        }
        var matches = modems.Where(m => Matches(m, selector)).ToArray();
        return matches.Length switch
        {
            1 => (matches[0], null),
            0 => (null, new CliError(Commands.ExitCodes.Usage, modems.Count == 0
                ? $"no modem '{selector}': wwan-daemon manages none right now"
                : $"no modem '{selector}'; the modems are (index, Id or object path):\n{Listing(modems)}")),
            _ => (null, new CliError(Commands.ExitCodes.Usage, $"'{selector}' names {matches.Length} modems; use the index or object path:\n{Listing(matches)}")),
        };
    }

    public static string Listing(IEnumerable<ModemView> modems) =>
        string.Join("\n", modems.Select(m => $"  {m.Index?.ToString(CultureInfo.InvariantCulture) ?? "-",3}  {m.Id ?? "-",-10} {m.Name}  {m.Path}"));
}
