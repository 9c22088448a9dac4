using System.Globalization;

namespace WwanDaemon.At.Lines;

/// <summary>How a command ended (ITU-T V.250 §5.7.1 result codes, 3GPP TS 27.007 §9.2, TS 27.005 §3.2.5).</summary>
public enum AtFinalResultKind
{
    Ok,
    Error,

    /// <summary>"+CME ERROR: &lt;err&gt;", numeric or verbose (+CMEE=1 or 2).</summary>
    CmeError,

    /// <summary>"+CMS ERROR: &lt;err&gt;" from SMS commands.</summary>
    CmsError,
    NoCarrier,

    /// <summary>"CONNECT [text]": the port has switched to data mode.</summary>
    Connect,
    NoDialtone,
    Busy,
    NoAnswer,

    /// <summary>The "&gt; " prompt: the modem waits for an SMS body, the command is not over yet for the modem.</summary>
    SmsPrompt,
}

/// <summary>A final result code.</summary>
/// <param name="Kind">Which result.</param>
/// <param name="Code">The +CME/+CMS error number when the modem gave one or the verbose text is a known one.</param>
/// <param name="Text">The verbose error text, or CONNECT's text (e.g. "150000000"); null when none came.</param>
public sealed record AtFinalResult(AtFinalResultKind Kind, int? Code = null, string? Text = null)
{
    public static AtFinalResult Ok { get; } = new(AtFinalResultKind.Ok);

    public static AtFinalResult Error { get; } = new(AtFinalResultKind.Error);

    public bool IsOk => Kind == AtFinalResultKind.Ok;

    /// <summary>
    /// Reads <paramref name="line"/> as a final result code, or returns false. Vendor error words that
    /// end a command the way ERROR does ("COMMAND NOT SUPPORT" from Huawei, "TOO MANY PARAMETERS")
    /// count as <see cref="AtFinalResultKind.Error"/> with their text.
    /// </summary>
    public static bool TryParse(string line, out AtFinalResult result)
    {
        result = null!;
        var text = line.Trim();
        switch (text)
        {
            case "OK":
                result = Ok;
                return true;
            case "ERROR":
                result = Error;
                return true;
            case "NO CARRIER":
                result = new AtFinalResult(AtFinalResultKind.NoCarrier);
                return true;
            case "NO DIALTONE" or "NO DIAL TONE":
                result = new AtFinalResult(AtFinalResultKind.NoDialtone);
                return true;
            case "BUSY":
                result = new AtFinalResult(AtFinalResultKind.Busy);
                return true;
            case "NO ANSWER":
                result = new AtFinalResult(AtFinalResultKind.NoAnswer);
                return true;
            case "COMMAND NOT SUPPORT" or "TOO MANY PARAMETERS":
                result = new AtFinalResult(AtFinalResultKind.Error, Text: text);
                return true;
        }
        if (text == "CONNECT" || text.StartsWith("CONNECT ", StringComparison.Ordinal))
        {
            var connectText = text.Length > "CONNECT".Length ? text["CONNECT ".Length..].Trim() : null;
            result = new AtFinalResult(AtFinalResultKind.Connect, Text: connectText);
            return true;
        }
        if (TryParseError(text, "+CME ERROR:", AtFinalResultKind.CmeError, out result)
            || TryParseError(text, "+CMS ERROR:", AtFinalResultKind.CmsError, out result))
        {
            return true;
        }
        return false;
    }

    private static bool TryParseError(string text, string prefix, AtFinalResultKind kind, out AtFinalResult result)
    {
        result = null!;
        if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var value = text[prefix.Length..].Trim().Trim('"');
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            result = new AtFinalResult(kind, code, kind == AtFinalResultKind.CmeError ? CmeErrors.Describe(code) : null);
            return true;
        }
        result = new AtFinalResult(kind, kind == AtFinalResultKind.CmeError ? CmeErrors.Find(value) : null, value.Length == 0 ? null : value);
        return true;
    }

    public override string ToString() => Kind switch
    {
        AtFinalResultKind.CmeError => $"+CME ERROR: {Code?.ToString(CultureInfo.InvariantCulture) ?? "?"}{(Text is null ? "" : $" ({Text})")}",
        AtFinalResultKind.CmsError => $"+CMS ERROR: {Code?.ToString(CultureInfo.InvariantCulture) ?? Text}",
        AtFinalResultKind.Connect => Text is null ? "CONNECT" : $"CONNECT {Text}",
        _ => Text ?? Kind.ToString(),
    };
}
