namespace WwanDaemon.Simulator.At;

/// <summary>
/// Splits a command line (without its CR) into the commands a modem would execute in turn
/// (ITU-T V.250 §5.2-5.4):
/// <code>
///   AT                          the bare attention command
///   ATE0  ATI  AT&amp;F  ATZ       basic commands: a letter (or &amp; and a letter), then an optional number
///   AT+CGDCONT=1,"IP","x"       extended: prefix + - $ ^ ! # % and a name, then =args, ?, =? or nothing
///   AT+CGMI;+CGMM               ';' separates extended commands on one line
/// </code>
/// Basic commands run together ("ATE0V1") are split one letter at a time. Quotes keep ';' and ','
/// inside strings. Pure; a line it cannot read gives null (the modem answers ERROR).
/// </summary>
public static class AtCommandLineParser
{
    private const string ExtendedPrefixes = "+$^!#%*";

    /// <summary>The commands of <paramref name="line"/>, or null when it does not start with "AT" or is malformed.</summary>
    public static IReadOnlyList<AtRequest>? Parse(string line)
    {
        var text = line.Trim();
        if (text.Length < 2 || !text.StartsWith("AT", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        text = text[2..];
        if (text.Length == 0)
        {
            return [new AtRequest("", AtRequestKind.Execute, [])];
        }
        var requests = new List<AtRequest>();
        var position = 0;
        while (position < text.Length)
        {
            if (text[position] == ';')
            {
                position++;
                continue;
            }
            var request = ExtendedPrefixes.Contains(text[position], StringComparison.Ordinal)
                ? ReadExtended(text, ref position)
                : ReadBasic(text, ref position);
            if (request is null)
            {
                return null;
            }
            requests.Add(request);
        }
        return requests;
    }

    private static AtRequest? ReadBasic(string text, ref int position)
    {
        var start = position;
        if (text[position] == '&')
        {
            position++;
        }
        if (position >= text.Length || !char.IsAsciiLetter(text[position]))
        {
            return null;
        }
        position++;
        var name = text[start..position].ToUpperInvariant();
        var digits = position;
        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }
        return digits == position
            ? new AtRequest(name, AtRequestKind.Execute, [])
            : new AtRequest(name, AtRequestKind.Set, [new AtRequestArgument(text[digits..position], false)]);
    }

    private static AtRequest? ReadExtended(string text, ref int position)
    {
        var start = position;
        position++;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '.'))
        {
            position++;
        }
        if (position == start + 1)
        {
            return null;
        }
        var name = text[start..position].ToUpperInvariant();
        if (position >= text.Length || text[position] == ';')
        {
            return new AtRequest(name, AtRequestKind.Execute, []);
        }
        if (text[position] == '?')
        {
            position++;
            return new AtRequest(name, AtRequestKind.Read, []);
        }
        if (text[position] != '=')
        {
            return null;
        }
        position++;
        if (position < text.Length && text[position] == '?')
        {
            position++;
            return new AtRequest(name, AtRequestKind.Test, []);
        }
        var end = position;
        var inQuotes = false;
        while (end < text.Length && (inQuotes || text[end] != ';'))
        {
            inQuotes ^= text[end] == '"';
            end++;
        }
        if (inQuotes)
        {
            return null;
        }
        var arguments = SplitArguments(text[position..end]);
        position = end;
        return new AtRequest(name, AtRequestKind.Set, arguments);
    }

    private static List<AtRequestArgument> SplitArguments(string text)
    {
        var arguments = new List<AtRequestArgument>();
        var start = 0;
        var inQuotes = false;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || (text[i] == ',' && !inQuotes))
            {
                var raw = text[start..i].Trim();
                arguments.Add(raw.Length >= 2 && raw[0] == '"' && raw[^1] == '"'
                    ? new AtRequestArgument(raw[1..^1], true)
                    : new AtRequestArgument(raw, false));
                start = i + 1;
            }
            else if (text[i] == '"')
            {
                inQuotes = !inQuotes;
            }
        }
        return arguments;
    }
}
