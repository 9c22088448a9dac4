using System.Text;

namespace WwanDaemon.Systemd.Journal;

/// <summary>
/// Journal field names from log property names. journald accepts user fields made of A-Z, 0-9 and
/// '_', not starting with '_' (reserved for trusted fields the journal adds) nor with a digit, at
/// most 64 characters (systemd-journald.service(8), "journal_field_valid" in journal-file.c).
/// Property names are PascalCase, so word boundaries become '_': BusPath → BUS_PATH.
/// </summary>
public static class JournalFieldName
{
    public const int MaximumLength = 64;

    /// <summary>The journal field for a property name, or null when nothing usable is left.</summary>
    public static string? FromPropertyName(string name)
    {
        var field = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
            {
                field.Append('_');
            }
            field.Append(c is >= 'a' and <= 'z' ? (char)(c - 'a' + 'A') : IsAllowed(c) ? c : '_');
        }
        var trimmed = field.ToString().TrimStart('_');
        if (trimmed.Length == 0)
        {
            return null;
        }
        if (char.IsAsciiDigit(trimmed[0]))
        {
            trimmed = "F" + trimmed;
        }
        return trimmed.Length > MaximumLength ? trimmed[..MaximumLength] : trimmed;
    }

    private static bool IsAllowed(char c) => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
}
