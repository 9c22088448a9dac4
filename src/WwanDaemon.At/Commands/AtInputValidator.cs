namespace WwanDaemon.At.Commands;

/// <summary>
/// Checks values that come from users or configuration before they become part of a command line.
/// <para>
/// Why each character is refused: CR (and on some firmware LF) ends the command line and starts
/// the next one (ITU-T V.250 §5.2.1, S3/S4); ';' chains another command onto the line (V.250
/// §5.2.1); '"' ends a quoted string argument so what follows is parsed as commands or arguments;
/// '\' starts a \hh escape inside strings on many firmwares (TS 27.007 §4.1 allows it for quotes), which
/// could smuggle a '"'; Ctrl-Z and ESC end or abort SMS text input; other control characters and
/// anything beyond 7-bit ASCII have no business in an APN, PIN, PLMN id, user name or password and
/// are read differently by each firmware's character set (+CSCS).
/// </para>
/// </summary>
public static class AtInputValidator
{
    /// <summary>Refuses a value for a quoted string argument unless it is printable ASCII without '"', '\' and ';'.</summary>
    /// <exception cref="AtCommandRejectedException">The value contains a refused character.</exception>
    public static void CheckQuotable(string field, string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var reason = c switch
            {
                '\r' or '\n' => "a line break would end the command and start another one",
                '"' => "a double quote would end the quoted argument and let the rest run as part of the command",
                ';' => "a semicolon would chain another AT command onto this one",
                '\\' => "a backslash starts an escape sequence in AT strings and could produce a quote",
                _ when c < ' ' || c == '\u007f' => "control characters are not allowed in AT arguments",
                _ when c > '\u007e' => "only printable 7-bit ASCII is allowed in AT arguments",
                _ => null,
            };
            if (reason is not null)
            {
                throw new AtCommandRejectedException(field, reason, c, i);
            }
        }
    }

    /// <summary>
    /// An APN: as above, plus the character set of 3GPP TS 23.003 §9.1 (labels of letters, digits and
    /// '-', separated by '.'), at most 100 characters. Empty means "let the network choose".
    /// </summary>
    public static void CheckApn(string field, string apn)
    {
        CheckQuotable(field, apn);
        if (apn.Length > 100)
        {
            throw new AtCommandRejectedException(field, $"an APN is at most 100 characters (3GPP TS 23.003 §9.1), this one has {apn.Length}", null, null);
        }
        for (var i = 0; i < apn.Length; i++)
        {
            var c = apn[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                throw new AtCommandRejectedException(field, "an APN may contain only letters, digits, '-', '_' and '.' (3GPP TS 23.003 §9.1)", c, i);
            }
        }
    }

    /// <summary>A PIN or PUK: 4 to 8 digits (3GPP TS 31.101 §9.2 / TS 27.007 §8.3).</summary>
    public static void CheckPin(string field, string pin)
    {
        for (var i = 0; i < pin.Length; i++)
        {
            if (!char.IsAsciiDigit(pin[i]))
            {
                throw new AtCommandRejectedException(field, "a PIN or PUK contains only the digits 0-9", pin[i], i);
            }
        }
        if (pin.Length is < 4 or > 8)
        {
            throw new AtCommandRejectedException(field, $"a PIN or PUK has 4 to 8 digits, this one has {pin.Length}", null, null);
        }
    }

    /// <summary>A numeric operator id (MCC+MNC): 5 or 6 digits (3GPP TS 27.007 §7.3, format 2).</summary>
    public static void CheckOperatorId(string field, string plmn)
    {
        for (var i = 0; i < plmn.Length; i++)
        {
            if (!char.IsAsciiDigit(plmn[i]))
            {
                throw new AtCommandRejectedException(field, "a numeric operator id (MCC+MNC) contains only digits", plmn[i], i);
            }
        }
        if (plmn.Length is not (5 or 6))
        {
            throw new AtCommandRejectedException(field, $"a numeric operator id has 5 or 6 digits, this one has {plmn.Length}", null, null);
        }
    }

    /// <summary>An unquoted token (a command name or a bare argument): letters, digits and the command-set prefixes only.</summary>
    public static void CheckToken(string field, string token)
    {
        if (token.Length == 0)
        {
            throw new AtCommandRejectedException(field, "it is empty", null, null);
        }
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '^' or '$' or '#' or '!' or '%' or '&' or '*' or '_' or '.' or '-'))
            {
                throw new AtCommandRejectedException(field, "only letters, digits and + ^ $ # ! % & * _ . - may appear outside quotes", c, i);
            }
        }
    }
}
