using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.Fleet;

/// <summary>The one-line STATUS= text systemctl status shows: "2 modems: 1 connected, 1 searching".</summary>
public static class FleetStatusText
{
    public static string Describe(IReadOnlyList<ModemSnapshot> modems)
    {
        if (modems.Count == 0)
        {
            return "no modems";
        }
        var counts = modems.GroupBy(m => m.State)
            .OrderByDescending(g => (int)g.Key)
            .Select(g => $"{g.Count()} {ModemStateNames.Name(g.Key)}");
        return $"{modems.Count} modem{(modems.Count == 1 ? "" : "s")}: {string.Join(", ", counts)}";
    }
}
