namespace WwanDaemon.Cli.Live;

/// <summary>Checks what the user typed before anything is sent, with messages naming the field.</summary>
public static class InputValidation
{
    /// <summary>
    /// An APN is a DNS-like name: labels of letters, digits and '-' joined by '.', at most 100
    /// characters (3GPP TS 23.003 §9.1); '_' is accepted too since operators hand out such APNs.
    /// </summary>
    public static string? CheckApn(string apn)
    {
        if (apn.Length == 0)
        {
            return "--apn: the APN is empty; give the name your operator documents (e.g. 'internet').";
        }
        if (apn.Length > 100)
        {
            return $"--apn: the APN is {apn.Length} characters long; at most 100 are allowed (3GPP TS 23.003 §9.1).";
        }
        for (var i = 0; i < apn.Length; i++)
        {
            var c = apn[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            {
                var shown = char.IsControl(c) || c == ' ' ? $"U+{(int)c:X4}" : $"'{c}'";
                return $"--apn: {shown} at position {i + 1} is not allowed in an APN (letters, digits, '-', '_' and '.').";
            }
        }
        if (apn.StartsWith('.') || apn.EndsWith('.') || apn.Contains("..", StringComparison.Ordinal))
        {
            return "--apn: an APN's labels are joined by single dots, with none at either end.";
        }
        return null;
    }

    /// <summary>A SIM PIN is 4 to 8 digits (3GPP TS 31.101 / ETSI TS 102 221 §9.5.1).</summary>
    public static string? CheckPin(string pin, string field) =>
        pin.Length is >= 4 and <= 8 && pin.All(char.IsAsciiDigit) ? null : $"{field}: a PIN is 4 to 8 digits.";

    /// <summary>User names and passwords go to the network as given; only control characters are refused.</summary>
    public static string? CheckCredential(string value, string field) =>
        value.Any(char.IsControl) ? $"{field}: control characters are not allowed." : value.Length > 255 ? $"{field}: at most 255 characters." : null;
}
