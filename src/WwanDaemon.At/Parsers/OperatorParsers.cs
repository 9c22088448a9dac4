namespace WwanDaemon.At.Parsers;

/// <summary>&lt;mode&gt; of +COPS (TS 27.007 §7.3).</summary>
public enum OperatorSelectionMode
{
    Automatic = 0,
    Manual = 1,
    Deregistered = 2,
    FormatOnly = 3,
    ManualThenAutomatic = 4,
}

/// <summary>&lt;stat&gt; of an operator in the +COPS=? list.</summary>
public enum OperatorAvailability
{
    Unknown = 0,
    Available = 1,
    Current = 2,
    Forbidden = 3,
}

/// <summary>The answer to AT+COPS?: mode, and when registered, the operator in the given format.</summary>
/// <param name="Mode">Automatic, manual, deregistered, ...</param>
/// <param name="Format">0 long name, 1 short name, 2 numeric (MCC+MNC).</param>
/// <param name="Operator">The operator in that format, when registered.</param>
/// <param name="Technology">&lt;AcT&gt;, when given.</param>
public sealed record OperatorSelection(OperatorSelectionMode Mode, int? Format, string? Operator, AccessTechnology? Technology);

/// <summary>One operator of the AT+COPS=? list.</summary>
public sealed record NetworkOperator(OperatorAvailability Availability, string? LongName, string? ShortName, string? Numeric, AccessTechnology? Technology);

/// <summary>+COPS read and test forms (TS 27.007 §7.3).</summary>
public static class OperatorParsers
{
    /// <summary>"+COPS: &lt;mode&gt;[,&lt;format&gt;,&lt;oper&gt;[,&lt;AcT&gt;]]".</summary>
    public static OperatorSelection ParseSelection(IReadOnlyList<string> lines)
    {
        var body = AtFields.SingleBody(lines, "+COPS:", "+COPS");
        if (body.StartsWith('('))
        {
            throw new AtProtocolException("+COPS: this is the operator list of AT+COPS=?, not the answer to AT+COPS?");
        }
        var fields = AtFields.Split(body);
        var mode = AtFields.Int(fields, 0, "<mode>", "+COPS", body);
        if (mode > 4)
        {
            throw new AtProtocolException($"+COPS: <mode> {mode} is not 0-4");
        }
        var format = AtFields.OptionalInt(fields, 1, "<format>", "+COPS", body);
        if (format is > 2)
        {
            throw new AtProtocolException($"+COPS: <format> {format} is not 0 (long), 1 (short) or 2 (numeric)");
        }
        return new OperatorSelection((OperatorSelectionMode)mode, format, AtFields.OptionalString(fields, 2),
            NetworkValues.Technology(AtFields.LenientInt(fields, 3)));
    }

    /// <summary>
    /// The AT+COPS=? list: "(stat,long,short,numeric[,AcT]),..." then ",," and the supported modes
    /// and formats, which are skipped. The list may be split over several lines, each with or without
    /// "+COPS:". A group is an operator when it has a quoted value; number-only groups are the trailing
    /// ranges. A group without a readable stat, or without any name or id, throws.
    /// </summary>
    public static IReadOnlyList<NetworkOperator> ParseList(IReadOnlyList<string> lines)
    {
        var text = string.Join(",", lines.Select(line => line.Trim())
            .Select(line => line.StartsWith("+COPS:", StringComparison.OrdinalIgnoreCase) ? line["+COPS:".Length..] : line));
        if (text.Trim().Length == 0)
        {
            throw new AtProtocolException("+COPS=?: the response is empty");
        }
        var operators = new List<NetworkOperator>();
        foreach (var group in Groups(text))
        {
            var fields = AtFields.Split(group);
            if (!fields.Any(field => field.Quoted))
            {
                continue; // "(0,1,2,3,4)" supported modes, "(0-2)" formats
            }
            var stat = AtFields.Int(fields, 0, "<stat>", "+COPS=?", group);
            if (stat > 3)
            {
                throw new AtProtocolException($"+COPS=?: <stat> {stat} in '({AtFields.Shorten(group)})' is not 0-3");
            }
            var numeric = AtFields.OptionalString(fields, 3);
            var longName = AtFields.OptionalString(fields, 1);
            var shortName = AtFields.OptionalString(fields, 2);
            if (numeric is null && longName is null && shortName is null)
            {
                throw new AtProtocolException($"+COPS=?: the operator '({AtFields.Shorten(group)})' has neither a name nor a numeric id");
            }
            operators.Add(new NetworkOperator((OperatorAvailability)stat, longName, shortName, numeric, NetworkValues.Technology(AtFields.LenientInt(fields, 4))));
        }
        return operators;
    }

    /// <summary>The contents of each top-level "( ... )", quotes respected; text between groups is ignored.</summary>
    private static IEnumerable<string> Groups(string text)
    {
        var depth = 0;
        var inQuotes = false;
        var start = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && c == '(')
            {
                if (depth++ == 0)
                {
                    start = i + 1;
                }
            }
            else if (!inQuotes && c == ')' && depth > 0 && --depth == 0)
            {
                yield return text[start..i];
            }
        }
        if (depth > 0 || inQuotes)
        {
            throw new AtProtocolException($"+COPS=?: the list is truncated (an unclosed {(inQuotes ? "quote" : "parenthesis")})");
        }
    }
}
