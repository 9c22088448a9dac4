using WwanDaemon.DBus.Server;

namespace WwanDaemon.BusApi.Authorization;

/// <summary>
/// Who may change state over D-Bus (connect, disconnect, enable, PIN, reset, policy): uid 0 and the
/// members of one group (netdev by default, as Debian's NetworkManager setups use it). The uid is
/// the bus's word for the caller (GetConnectionCredentials); the group is read from passwd/group at
/// each check, so adding a user to the group works without restarting the daemon. Reading is open
/// and never comes here.
/// </summary>
public sealed class ControlAuthorizer(string group, Func<UnixAccounts> accounts)
{
    public string Group { get; } = group;

    /// <summary>Throws Core.Unauthorized naming the caller, the action and the fix unless the caller may do <paramref name="action"/>.</summary>
    public void Require(DBusCaller caller, string action)
    {
        if (caller.Uid is not { } uid)
        {
            throw new DBusErrorException(ModemManagerErrors.Unauthorized, $"{action}: the bus could not tell who {caller.Sender} is, so it is refused");
        }
        if (uid == 0)
        {
            return;
        }
        UnixAccounts known;
        try
        {
            known = accounts();
        }
        catch (IOException error)
        {
            throw new DBusErrorException(ModemManagerErrors.Unauthorized, $"{action}: the group {Group} could not be read ({error.Message}), so uid {uid} is refused");
        }
        if (!known.IsMember(uid, Group))
        {
            var who = known.UserName(uid) is { } name ? $"{name} (uid {uid})" : $"uid {uid}";
            throw new DBusErrorException(ModemManagerErrors.Unauthorized,
                $"{action}: {who} is not allowed to control modems; run as root or add the user to group {Group} (usermod -aG {Group} USER, then log in again)");
        }
    }
}
