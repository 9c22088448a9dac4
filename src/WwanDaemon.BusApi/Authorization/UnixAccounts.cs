namespace WwanDaemon.BusApi.Authorization;

/// <summary>
/// Who is in which group, read from the passwd(5) and group(5) files: a uid is in a group when the
/// group is its primary one (passwd's fourth field) or its user name is in the group's member list
/// (group's fourth field). Pure over the files' text; <see cref="Read"/> reads /etc by default.
/// </summary>
public sealed class UnixAccounts
{
    private readonly Dictionary<uint, (string Name, uint PrimaryGid)> users = [];
    private readonly Dictionary<string, (uint Gid, HashSet<string> Members)> groups = new(StringComparer.Ordinal);

    private UnixAccounts()
    {
    }

    public static UnixAccounts Read(string passwdPath = "/etc/passwd", string groupPath = "/etc/group") =>
        Parse(File.ReadAllText(passwdPath), File.ReadAllText(groupPath));

    /// <summary>Parses the two files; malformed lines are skipped (they name nobody).</summary>
    public static UnixAccounts Parse(string passwd, string group)
    {
        var accounts = new UnixAccounts();
        foreach (var fields in Lines(passwd))
        {
            if (fields.Length >= 4 && uint.TryParse(fields[2], out var uid) && uint.TryParse(fields[3], out var gid))
            {
                accounts.users.TryAdd(uid, (fields[0], gid));
            }
        }
        foreach (var fields in Lines(group))
        {
            if (fields.Length >= 3 && uint.TryParse(fields[2], out var gid))
            {
                var members = fields.Length >= 4 ? fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
                accounts.groups.TryAdd(fields[0], (gid, new HashSet<string>(members, StringComparer.Ordinal)));
            }
        }
        return accounts;
    }

    private static IEnumerable<string[]> Lines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(':'));

    /// <summary>The user name of <paramref name="uid"/>, or null when passwd does not list it.</summary>
    public string? UserName(uint uid) => users.TryGetValue(uid, out var user) ? user.Name : null;

    /// <summary>Whether <paramref name="uid"/> belongs to <paramref name="groupName"/> (false when either is unknown).</summary>
    public bool IsMember(uint uid, string groupName)
    {
        if (!users.TryGetValue(uid, out var user) || !groups.TryGetValue(groupName, out var group))
        {
            return false;
        }
        return user.PrimaryGid == group.Gid || group.Members.Contains(user.Name);
    }
}
