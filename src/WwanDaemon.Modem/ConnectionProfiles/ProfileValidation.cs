using System.Globalization;

namespace WwanDaemon.Modem.ConnectionProfiles;

/// <summary>
/// Checks a profile before it is stored or used, so bad input (from a file, D-Bus or wwanctl) gets a
/// clear error and changes nothing. APN: 3GPP TS 23.003 §9.1 (labels of letters, digits and hyphens,
/// separated by dots, at most 100 characters in total); PIN: 4–8 digits (3GPP TS 31.101 §9.5.1 / TS 22.030).
/// </summary>
public static class ProfileValidation
{
    public const int MaximumApnLength = 100;

    /// <summary>Every problem with <paramref name="profile"/>, each naming the field; empty when it is fine.</summary>
    public static IReadOnlyList<string> Problems(ConnectionProfile profile)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(profile.Name) || profile.Name.Length > 64 || profile.Name.Any(c => char.IsControl(c) || c == '/'))
        {
            problems.Add($"name '{Printable(profile.Name)}': use 1–64 characters without '/' or control characters");
        }
        if (profile.Apn is null)
        {
            problems.Add("apn: missing (use \"\" for the network's default APN)");
        }
        else if (ApnProblem(profile.Apn) is { } apn)
        {
            problems.Add(apn);
        }
        if (profile.Pin is { } pin && !IsPin(pin))
        {
            problems.Add("pin: a SIM PIN is 4 to 8 digits");
        }
        foreach (var (field, value) in new[] { ("user", profile.User), ("password", profile.Password) })
        {
            if (value is not null && (value.Length > 64 || value.Any(c => c < 0x20 || c > 0x7e || c == '"' || c == '\\')))
            {
                problems.Add($"{field}: use at most 64 printable ASCII characters without '\"' or '\\'");
            }
        }
        if (profile.Authentication != ApnAuthentication.None && string.IsNullOrEmpty(profile.User))
        {
            problems.Add($"user: authentication {profile.Authentication.ToString().ToLowerInvariant()} needs a user name");
        }
        if (profile.Imei is { } imei && (imei.Length is not (14 or 15) || !imei.All(char.IsAsciiDigit)))
        {
            problems.Add("imei: 14 or 15 digits");
        }
        if (profile.Iccid is { } iccid && (iccid.Length is < 18 or > 22 || !iccid.All(char.IsAsciiLetterOrDigit)))
        {
            problems.Add("iccid: 18 to 22 digits (the last may be F)");
        }
        return problems;
    }

    /// <summary>Null when <paramref name="apn"/> is a valid APN network identifier (empty = the network's default).</summary>
    public static string? ApnProblem(string apn)
    {
        if (apn.Length > MaximumApnLength)
        {
            return $"apn: at most {MaximumApnLength} characters (3GPP TS 23.003 §9.1), got {apn.Length}";
        }
        if (apn.Length == 0)
        {
            return null;
        }
        foreach (var label in apn.Split('.'))
        {
            if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return $"apn '{Printable(apn)}': labels of letters, digits and '-' separated by dots (3GPP TS 23.003 §9.1); '{Printable(label)}' is not one";
            }
        }
        return null;
    }

    public static bool IsPin(string pin) => pin.Length is >= 4 and <= 8 && pin.All(char.IsAsciiDigit);

    /// <summary>Control characters shown as \xNN so an error message cannot itself inject lines.</summary>
    public static string Printable(string? text) => text is null ? "(none)" : string.Concat(text.Take(120).Select(c =>
        char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}") : c.ToString()));
}
