namespace WwanDaemon.At.Parsers;

/// <summary>A registration report.</summary>
/// <param name="Domain">Which command.</param>
/// <param name="Mode">&lt;n&gt;, the URC mode; only in answers to the read command.</param>
/// <param name="Status">&lt;stat&gt;.</param>
/// <param name="AreaCode">LAC (CREG/CGREG) or TAC (CEREG/C5GREG), when given and readable.</param>
/// <param name="CellId">The cell id, when given and readable (28 bits for LTE, 36 for NR).</param>
/// <param name="Technology">&lt;AcT&gt; when given and valid.</param>
public sealed record RegistrationReport(RegistrationDomain Domain, int? Mode, RegistrationStatus Status, ulong? AreaCode, ulong? CellId, AccessTechnology? Technology)
{
    public bool IsRegistered => Status is RegistrationStatus.Home or RegistrationStatus.Roaming
        or RegistrationStatus.HomeSmsOnly or RegistrationStatus.RoamingSmsOnly
        or RegistrationStatus.HomeCsfbNotPreferred or RegistrationStatus.RoamingCsfbNotPreferred;
}

/// <summary>
/// +CREG/+CGREG/+CEREG/+C5GREG in both forms:
/// <code>
///   read (AT+CEREG?):  +CEREG: &lt;n&gt;,&lt;stat&gt;[,[&lt;tac&gt;],[&lt;ci&gt;],[&lt;AcT&gt;][,...n=3/4/5 extras]]
///   URC:               +CEREG: &lt;stat&gt;[,[&lt;tac&gt;],[&lt;ci&gt;],[&lt;AcT&gt;][,...]]
/// </code>
/// The caller says which form it holds: an answer to the read command is <see cref="ParseRead"/>, a
/// line that came as a URC is <see cref="ParseUnsolicited"/>. Some firmware sends the read form as a URC
/// (Samsung S8500, Alcatel X220D, Altair: "+CREG: 2,1,000B,2816"); a URC whose first two values are
/// small bare numbers (&lt;n&gt; 0-5, &lt;stat&gt; 0-11) and that is too long to be "stat,lac" is read as such.
/// Location values are informational: unreadable ones (Gobi 1000's "  0 5") become null, the status still counts.
/// </summary>
public static class RegistrationParsers
{
    private static readonly (string Prefix, RegistrationDomain Domain)[] Prefixes =
    [
        ("+CREG:", RegistrationDomain.CircuitSwitched),
        ("+CGREG:", RegistrationDomain.Gprs),
        ("+CEREG:", RegistrationDomain.Eps),
        ("+C5GREG:", RegistrationDomain.FiveGs),
    ];

    /// <summary>The answer to AT+CREG? (or +CGREG?, +CEREG?, +C5GREG?): the first registration line.</summary>
    public static RegistrationReport ParseRead(IReadOnlyList<string> lines)
    {
        var line = lines.FirstOrDefault(l => Domain(l) is not null)
            ?? throw new AtProtocolException($"registration: no +CREG/+CGREG/+CEREG/+C5GREG line in the response ({AtFields.Describe(lines)})");
        var (prefix, domain) = Domain(line)!.Value;
        var fields = AtFields.Split(AtFields.Body(line, prefix, prefix));
        var mode = AtFields.Int(fields, 0, "<n>", prefix, line);
        if (fields.Count < 2)
        {
            throw new AtProtocolException($"{prefix} '{AtFields.Shorten(line)}' has <n> but no <stat>; an answer to the read command carries both");
        }
        return Report(domain, mode, fields, 1, prefix, line);
    }

    /// <summary>One unsolicited registration line.</summary>
    public static RegistrationReport ParseUnsolicited(string line)
    {
        var (prefix, domain) = Domain(line)
            ?? throw new AtProtocolException($"registration URC: '{AtFields.Shorten(line)}' is not a +CREG/+CGREG/+CEREG/+C5GREG line");
        var fields = AtFields.Split(AtFields.Body(line, prefix, prefix));
        if (LooksLikeReadForm(fields))
        {
            return Report(domain, AtFields.Int(fields, 0, "<n>", prefix, line), fields, 1, prefix, line);
        }
        return Report(domain, null, fields, 0, prefix, line);
    }

    private static (string Prefix, RegistrationDomain Domain)? Domain(string line)
    {
        var text = line.TrimStart();
        foreach (var entry in Prefixes)
        {
            if (text.StartsWith(entry.Prefix, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }
        return null;
    }

    /// <summary>
    /// "n,stat" needs both values bare numbers of one or two digits; the URC "stat,lac,ci" has a LAC of
    /// 2-4 hex digits (often quoted) second. Two values can only be "n,stat" ("stat,lac" without ci is no form).
    /// </summary>
    private static bool LooksLikeReadForm(IReadOnlyList<AtField> fields)
    {
        if (fields.Count < 2 || fields[0].Quoted || fields[1].Quoted)
        {
            return false;
        }
        var n = AtFields.LenientInt(fields, 0);
        var stat = AtFields.LenientInt(fields, 1);
        return n is >= 0 and <= 5 && stat is >= 0 and <= 11 && fields[1].Text.Length <= 2
            && (fields.Count == 2 || fields.Count >= 4);
    }

    private static RegistrationReport Report(RegistrationDomain domain, int? mode, IReadOnlyList<AtField> fields, int statAt, string prefix, string line)
    {
        var stat = AtFields.Int(fields, statAt, "<stat>", prefix, line);
        if (stat > 11)
        {
            throw new AtProtocolException($"{prefix} <stat> {stat} in '{AtFields.Shorten(line)}' is not a registration status of TS 27.007 (0-11)");
        }
        var location = fields.Skip(statAt + 1).ToArray();
        ulong? area = null;
        ulong? cell = null;
        int? technology = null;
        if (location.Length >= 2)
        {
            area = AtFields.LenientHex(location, 0);
            // Novatel E362 and Altair insert the RAC between TAC and cell id: "tac, rac, ci, act" with a 1-2 digit RAC.
            var racSecond = location.Length >= 4 && location[1].Text.Length <= 2 && AtFields.LenientInt(location, 2) is null or > 13;
            cell = AtFields.LenientHex(location, racSecond ? 2 : 1);
            technology = AtFields.LenientInt(location, racSecond ? 3 : 2);
        }
        return new RegistrationReport(domain, mode, (RegistrationStatus)stat, area, cell, NetworkValues.Technology(technology));
    }
}
