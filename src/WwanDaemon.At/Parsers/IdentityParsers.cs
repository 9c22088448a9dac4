namespace WwanDaemon.At.Parsers;

/// <summary>
/// Device and subscriber identity: +CGMI/+GMI, +CGMM/+GMM, +CGMR/+GMR (TS 27.007 §5.1-5.3, V.250 §6.1),
/// +CGSN/+GSN (§5.4), +CIMI (§5.6) and the ICCID commands every vendor names differently.
/// Modems answer either with bare text ("Quectel") or with the command's prefix ("+CGMI: SIMCOM INCORPORATED").
/// </summary>
public static class IdentityParsers
{
    private static readonly string[] ManufacturerPrefixes = ["+CGMI:", "+GMI:", "Manufacturer:"];
    private static readonly string[] ModelPrefixes = ["+CGMM:", "+GMM:", "Model:"];
    private static readonly string[] RevisionPrefixes = ["+CGMR:", "+GMR:", "Revision:"];
    private static readonly string[] SerialPrefixes = ["+CGSN:", "+GSN:", "IMEI:"];
    private static readonly string[] IccidPrefixes = ["+CCID:", "+ICCID:", "+QCCID:", "^ICCID:", "+CICCID:", "ICCID:", "%CCID:", "+CRSM: 144,0,"];

    /// <summary>The manufacturer text (+CGMI, +GMI).</summary>
    public static string ParseManufacturer(IReadOnlyList<string> lines) => Text(lines, ManufacturerPrefixes, "+CGMI");

    /// <summary>The model text (+CGMM, +GMM).</summary>
    public static string ParseModel(IReadOnlyList<string> lines) => Text(lines, ModelPrefixes, "+CGMM");

    /// <summary>The firmware revision text (+CGMR, +GMR).</summary>
    public static string ParseRevision(IReadOnlyList<string> lines) => Text(lines, RevisionPrefixes, "+CGMR");

    /// <summary>
    /// The IMEI from +CGSN/+GSN: 14 to 17 digits (IMEI with or without check digit, IMEISV), or for
    /// CDMA firmware an ESN (8 hex digits) or MEID (14 hex digits, optionally "0x"-prefixed).
    /// </summary>
    public static string ParseSerialNumber(IReadOnlyList<string> lines)
    {
        var value = Text(lines, SerialPrefixes, "+CGSN").Trim('"');
        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            value = value[2..];
        }
        if ((value.Length is >= 14 and <= 17 && value.All(char.IsAsciiDigit))
            || (value.Length is 8 or 14 && value.All(char.IsAsciiHexDigit)))
        {
            return value;
        }
        throw new AtProtocolException($"+CGSN: expected an IMEI (14-17 digits) or an ESN/MEID (8 or 14 hex digits), got {Shape(value)}");
    }

    /// <summary>The IMSI (+CIMI): 6 to 15 digits (3GPP TS 23.003 §2.2).</summary>
    public static string ParseImsi(IReadOnlyList<string> lines)
    {
        var value = Text(lines, ["+CIMI:"], "+CIMI").Trim('"');
        return value.Length is >= 6 and <= 15 && value.All(char.IsAsciiDigit)
            ? value
            : throw new AtProtocolException($"+CIMI: expected an IMSI of 6 to 15 digits, got {Shape(value)}");
    }

    /// <summary>
    /// The ICCID from +CCID, +ICCID, +QCCID, ^ICCID, +CICCID or +CRSM (EF_ICCID read): 18 to 20
    /// digits; a trailing 'F' filler is dropped. Every ICCID starts with 89 (ITU-T E.118 telecom
    /// issuer), so one that starts with 98 is the raw EF_ICCID with its BCD nibbles swapped (TS 102.221
    /// §13.2; +CRSM and some firmwares' +CCID return it so) and is un-swapped.
    /// </summary>
    public static string ParseIccid(IReadOnlyList<string> lines)
    {
        var line = lines.FirstOrDefault(l => l.Trim().Length > 0)?.Trim()
            ?? throw new AtProtocolException("ICCID: the response has no lines");
        var prefix = IccidPrefixes.FirstOrDefault(p => line.StartsWith(p, StringComparison.OrdinalIgnoreCase));
        var value = (prefix is null ? line : line[prefix.Length..]).Trim().Trim('"').Trim();
        var swapped = value.StartsWith("98", StringComparison.Ordinal);
        if (swapped)
        {
            // Raw EF_ICCID is BCD: decimal digits and the 'F' filler only.
            if (!value.All(c => char.IsAsciiDigit(c) || c is 'F' or 'f'))
            {
                throw new AtProtocolException($"ICCID: a nibble-swapped ICCID holds only digits and the F filler, got {Shape(value)}");
            }
            value = Unswap(value);
        }
        var digits = value.TrimEnd('F', 'f');
        // Some operators' ICCIDs carry hex digits in the issuer part (e.g. "898600700907A6019125" on China Mobile cards).
        return digits.Length is >= 18 and <= 20 && digits.All(char.IsAsciiHexDigit) && digits.StartsWith("89", StringComparison.Ordinal)
            ? digits.ToUpperInvariant()
            : throw new AtProtocolException($"ICCID: expected 18 to 20 digits starting with 89, got {Shape(value)}");
    }

    private static string Unswap(string value)
    {
        var chars = value.ToCharArray();
        for (var i = 0; i + 1 < chars.Length; i += 2)
        {
            (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        }
        return new string(chars);
    }

    /// <summary>The response text without prefix or quotes; several lines (a multi-line ATI-style answer) are joined with a space.</summary>
    private static string Text(IReadOnlyList<string> lines, string[] prefixes, string what)
    {
        var parts = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            var prefix = prefixes.FirstOrDefault(p => line.StartsWith(p, StringComparison.OrdinalIgnoreCase));
            var text = (prefix is null ? line : line[prefix.Length..]).Trim();
            if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
            {
                text = text[1..^1].Trim();
            }
            if (text.Length > 0)
            {
                parts.Add(text);
            }
        }
        return parts.Count > 0 ? string.Join(' ', parts) : throw new AtProtocolException($"{what}: the response is empty");
    }

    /// <summary>Describes a value that may be personal data without showing it.</summary>
    private static string Shape(string value) =>
        value.Length == 0 ? "nothing" : $"{value.Length} characters ({(value.All(char.IsAsciiDigit) ? "all digits" : "not all digits")})";
}
