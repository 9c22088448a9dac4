using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.Fleet;

/// <summary>Modem states as ModemManager's clients print them (mmcli: "connected", "searching"): the enum name in lower case.</summary>
public static class ModemStateNames
{
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<ModemState>().OrderBy(s => (int)s).Select(Name).ToArray();

    public static string Name(ModemState state) => state switch
    {
        ModemState.Failed => "failed",
        ModemState.Unknown => "unknown",
        ModemState.Initializing => "initializing",
        ModemState.Locked => "locked",
        ModemState.Disabled => "disabled",
        ModemState.Disabling => "disabling",
        ModemState.Enabling => "enabling",
        ModemState.Enabled => "enabled",
        ModemState.Searching => "searching",
        ModemState.Registered => "registered",
        ModemState.Disconnecting => "disconnecting",
        ModemState.Connecting => "connecting",
        ModemState.Connected => "connected",
        _ => ((int)state).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static bool TryParse(string text, out ModemState state)
    {
        foreach (var candidate in Enum.GetValues<ModemState>())
        {
            if (string.Equals(Name(candidate), text, StringComparison.OrdinalIgnoreCase))
            {
                state = candidate;
                return true;
            }
        }
        state = ModemState.Unknown;
        return false;
    }
}
