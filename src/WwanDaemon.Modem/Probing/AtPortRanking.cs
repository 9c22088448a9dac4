using WwanDaemon.Composition.KnowledgeBase;

namespace WwanDaemon.Modem.Probing;

/// <summary>
/// Ranks AT ports and picks the control port from probe results; pure. The rules follow ModemManager's
/// port organisation (mm-base-modem.c): the plan's hints first (at-primary, at-secondary, ppp, gps, as
/// ModemManager's ID_MM_PORT_TYPE_* udev tags), then what the port said, then interface order.
/// </summary>
public static class AtPortRanking
{
    /// <summary>Primary, secondaries, PPP and GPS ports.</summary>
    public static IReadOnlyList<RankedPort> Rank(IReadOnlyList<PortProbeResult> results)
    {
        var answered = results.Where(r => r.Protocol == PortProtocol.At).OrderBy(Key).ToList();
        var ranking = new List<RankedPort>();
        var pppMarked = answered.FirstOrDefault(r => r.Port.Role == InterfaceRole.Ppp);
        // A port the plan marks ppp is kept for data unless it is the only AT port.
        var primary = answered.FirstOrDefault(r => r != pppMarked) ?? pppMarked;
        if (primary is not null)
        {
            ranking.Add(new RankedPort(primary.Port, AtPortRank.Primary, PrimaryEvidence(primary, answered.Count)));
        }
        foreach (var other in answered.Where(r => r != primary && r != pppMarked))
        {
            ranking.Add(new RankedPort(other.Port, AtPortRank.Secondary, $"answered AT; {Describe(other)}; ranked after {primary!.Port.Path}"));
        }
        if (pppMarked is not null)
        {
            ranking.Add(new RankedPort(pppMarked.Port, AtPortRank.Ppp, $"the plan marks it ppp{Source(pppMarked.Port)} and it answered AT"));
        }
        else if (primary is not null)
        {
            ranking.Add(new RankedPort(primary.Port, AtPortRank.Ppp,
                "no port is marked ppp: the primary carries PPP too (as ModemManager does); a secondary takes commands during a call"));
        }
        foreach (var gps in results.Where(r => r.Port.Role == InterfaceRole.Gps))
        {
            ranking.Add(new RankedPort(gps.Port, AtPortRank.Gps, $"the plan says gps{Source(gps.Port)}; not opened by the probe (NMEA flows once GPS is started)"));
        }
        return ranking;
    }

    /// <summary>
    /// The control port: a port that answered QMI or MBIM, the one whose plan role agrees first; with
    /// none, the primary AT port (AT-only modems such as seed 000's RNDIS composition).
    /// </summary>
    public static ControlChoice? ChooseControl(IReadOnlyList<PortProbeResult> results, IReadOnlyList<RankedPort> ranking)
    {
        var control = results
            .Where(r => r.Protocol is PortProtocol.Qmi or PortProtocol.Mbim)
            .OrderBy(r => RoleAgrees(r) ? 0 : 1)
            .ThenBy(r => r.Port.Interface ?? int.MaxValue)
            .ThenBy(r => r.Port.Path, StringComparer.Ordinal)
            .ToList();
        if (control.Count > 0)
        {
            var chosen = control[0];
            var others = control.Count > 1 ? $"; also answered: {string.Join(", ", control.Skip(1).Select(c => $"{c.Port.Path} ({ProbeRoute.Name(c.Protocol)})"))}" : "";
            return new ControlChoice(chosen.Port, chosen.Protocol,
                $"{chosen.Reason}{(RoleAgrees(chosen) ? $", as the plan's role {chosen.Port.Role.Name()} says" : "")}{others}");
        }
        var primary = ranking.FirstOrDefault(r => r.Rank == AtPortRank.Primary);
        return primary is null
            ? null
            : new ControlChoice(primary.Port, PortProtocol.At, "no port answered QMI or MBIM: the modem is controlled with AT on the primary port");
    }

    private static (int Role, int Commands, int Interface, string Path) Key(PortProbeResult result) => (
        result.Port.Role switch
        {
            InterfaceRole.AtPrimary => 0,
            InterfaceRole.At => 1,
            InterfaceRole.AtSecondary => 3,
            InterfaceRole.Ppp => 4,
            _ => 2,
        },
        result.At?.HasGsmCommandSet == true ? 0 : 1,
        result.Port.Interface ?? int.MaxValue,
        result.Port.Path);

    private static string PrimaryEvidence(PortProbeResult primary, int count)
    {
        var why = primary.Port.Role == InterfaceRole.AtPrimary ? $"the plan marks it at-primary{Source(primary.Port)}" : "no port marked at-primary";
        return $"{why}; {Describe(primary)}{(count > 1 ? $"; first of {count} AT ports by plan role, +GCAP and interface number" : "; the only AT port")}";
    }

    private static string Describe(PortProbeResult result) =>
        result.At is { } at
            ? $"{(at.Capabilities.Count > 0 ? "+GCAP: " + string.Join(",", at.Capabilities) : "no +GCAP")}{(at.EchoOff ? "" : ", ATE0 not taken")}{(at.DtrRaised ? ", needed DTR" : "")}"
            : "answered AT";

    private static string Source(ProbePort port) => port.RoleSource is null ? "" : $" ({port.RoleSource})";

    private static bool RoleAgrees(PortProbeResult result) =>
        (result.Protocol, result.Port.Role) is (PortProtocol.Qmi, InterfaceRole.Qmi) or (PortProtocol.Mbim, InterfaceRole.MbimControl);
}
