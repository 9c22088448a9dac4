using System.Globalization;

namespace WwanDaemon.At.Parsers;

/// <summary>One comma-separated value of an information response, its quotes removed.</summary>
/// <param name="Text">The value, trimmed; without its double quotes when it had them.</param>
/// <param name="Quoted">Whether it was a "string".</param>
public readonly record struct AtField(string Text, bool Quoted)
{
    public bool IsEmpty => Text.Length == 0;

    public override string ToString() => Quoted ? $"\"{Text}\"" : Text;
}

/// <summary>
/// The shared reading rules of every parser (TS 27.007 §4.1 / V.250 §5.7.2):
/// <list type="bullet">
/// <item>a response line is "&lt;prefix&gt;: v1,v2,..."; the space after ':' is optional (Iridium sends "+CREG:002,001");</item>
/// <item>commas inside "strings" and inside (ranges) do not split;</item>
/// <item>values are trimmed (Alcatel and Gobi firmware pad them with spaces);</item>
/// <item>required values that cannot be read throw <see cref="AtProtocolException"/> quoting the line;
/// optional, informational values (a cell id, a LAC) that cannot be read become null.</item>
/// </list>
/// Messages about replies that carry personal data (IMSI, ICCID, IMEI) describe the reply's shape, never its digits.
/// </summary>
public static class AtFields
{
    /// <summary>The text after <paramref name="prefix"/> (e.g. "+CSQ:"), trimmed; the prefix match ignores case.</summary>
    public static string Body(string line, string prefix, string what)
    {
        var text = line.Trim();
        if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            throw new AtProtocolException($"{what}: expected a line starting with '{prefix}', got '{Shorten(text)}'");
        }
        return text[prefix.Length..].Trim();
    }

    /// <summary>The lines of <paramref name="lines"/> that start with <paramref name="prefix"/>, each reduced to its body.</summary>
    public static IReadOnlyList<string> Bodies(IReadOnlyList<string> lines, string prefix) =>
        lines.Where(line => line.TrimStart().StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
             .Select(line => line.Trim()[prefix.Length..].Trim())
             .ToArray();

    /// <summary>The single line with <paramref name="prefix"/>; throws when there is none.</summary>
    public static string SingleBody(IReadOnlyList<string> lines, string prefix, string what)
    {
        var bodies = Bodies(lines, prefix);
        return bodies.Count > 0
            ? bodies[0]
            : throw new AtProtocolException($"{what}: no '{prefix}' line in the response ({Describe(lines)})");
    }

    /// <summary>Splits at top-level commas: not inside double quotes, not inside parentheses.</summary>
    public static IReadOnlyList<AtField> Split(string body)
    {
        var fields = new List<AtField>();
        if (body.Trim().Length == 0)
        {
            return fields;
        }
        var start = 0;
        var depth = 0;
        var inQuotes = false;
        for (var i = 0; i <= body.Length; i++)
        {
            if (i == body.Length || (body[i] == ',' && !inQuotes && depth == 0))
            {
                fields.Add(Field(body[start..i]));
                start = i + 1;
                continue;
            }
            switch (body[i])
            {
                case '"':
                    inQuotes = !inQuotes;
                    break;
                case '(' when !inQuotes:
                    depth++;
                    break;
                case ')' when !inQuotes && depth > 0:
                    depth--;
                    break;
            }
        }
        return fields;
    }

    private static AtField Field(string raw)
    {
        var text = raw.Trim();
        return text.Length >= 2 && text[0] == '"' && text[^1] == '"' ? new AtField(text[1..^1], true) : new AtField(text, false);
    }

    public static int Int(IReadOnlyList<AtField> fields, int index, string name, string what, string line)
    {
        if (index >= fields.Count || fields[index].IsEmpty)
        {
            throw new AtProtocolException($"{what}: '{Shorten(line)}' has no {name} (value {index + 1})");
        }
        return int.TryParse(fields[index].Text, NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new AtProtocolException($"{what}: {name} '{fields[index].Text}' in '{Shorten(line)}' is not a number");
    }

    /// <summary>A number that may be absent or empty (null); present but unreadable still throws.</summary>
    public static int? OptionalInt(IReadOnlyList<AtField> fields, int index, string name, string what, string line) =>
        index >= fields.Count || fields[index].IsEmpty ? null : Int(fields, index, name, what, line);

    /// <summary>A number that is informational only: absent, empty or unreadable all give null.</summary>
    public static int? LenientInt(IReadOnlyList<AtField> fields, int index) =>
        index < fields.Count && int.TryParse(fields[index].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>A hexadecimal value that is informational only (LAC, TAC, cell id): absent or unreadable gives null.</summary>
    public static ulong? LenientHex(IReadOnlyList<AtField> fields, int index)
    {
        if (index >= fields.Count)
        {
            return null;
        }
        var text = fields[index].Text;
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }
        return text.Length is > 0 and <= 16 && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    public static string? OptionalString(IReadOnlyList<AtField> fields, int index) =>
        index < fields.Count && !fields[index].IsEmpty ? fields[index].Text : null;

    /// <summary>Parses "(1-10)", "(1)", "(0,1)", "( 1 )", "(1-17,101-116)", "0-3" into ranges.</summary>
    public static IReadOnlyList<(int Min, int Max)> Ranges(string text, string name, string what)
    {
        var inner = text.Trim();
        if (inner.StartsWith('(') && inner.EndsWith(')'))
        {
            inner = inner[1..^1];
        }
        var ranges = new List<(int, int)>();
        foreach (var part in inner.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Length == 0)
            {
                continue;
            }
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            var lowText = dash < 0 ? part : part[..dash].Trim();
            var highText = dash < 0 ? part : part[(dash + 1)..].Trim();
            if (!int.TryParse(lowText, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
                || !int.TryParse(highText, NumberStyles.None, CultureInfo.InvariantCulture, out var high) || high < low)
            {
                throw new AtProtocolException($"{what}: {name} '{text}' is not a list of numbers and ranges");
            }
            ranges.Add((low, high));
        }
        return ranges.Count > 0 ? ranges : throw new AtProtocolException($"{what}: {name} '{text}' is empty");
    }

    internal static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";

    internal static string Describe(IReadOnlyList<string> lines) =>
        lines.Count == 0 ? "no lines" : string.Join(" | ", lines.Select(Shorten));
}
