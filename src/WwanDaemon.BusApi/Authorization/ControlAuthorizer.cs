using WwanDaemon.DBus.Server;

namespace WwanDaemon.BusApi.Authorization;

/// <summary>
/// Who may change state over D-Bus (connect, disconnect, enable, PIN, reset, policy): uid 0 and the
/// members of one group (netdev by default, as Debian's NetworkManager setups use it); anyone else
/// only when polkit is on the bus and authorizes the caller for <see cref="ControlAction"/>. The uid
/// is the bus's word for the caller (GetConnectionCredentials); the group is read from passwd/group
/// at each check, so adding a user to the group works without restarting the daemon. Reading is
/// open and never comes here.
/// </summary>
public sealed class ControlAuthorizer(string group, Func<UnixAccounts> accounts, IPolkitAuthority? polkit = null)
{
    /// <summary>The polkit action of every state-changing method (packaging/polkit-1/actions).</summary>
    public const string ControlAction = "org.wwandaemon.WwanDaemon1.control";

    public string Group { get; } = group;

    /// <summary>Root, then the group, then polkit when it is on the bus; Core.Unauthorized otherwise.</summary>
    public async ValueTask RequireAsync(DBusCaller caller, string action)
    {
        DBusErrorException refused;
        try
        {
            Require(caller, action);
            return;
        }
        catch (DBusErrorException notByGroup) when (polkit is not null && caller.Uid is not null)
        {
            refused = notByGroup;
        }
        bool? verdict;
        try
        {
            verdict = await polkit!.CheckAsync(caller.Sender, ControlAction, CancellationToken.None).ConfigureAwait(false);
        }
        catch (PolkitException failure)
        {
            throw new DBusErrorException(ModemManagerErrors.Unauthorized, $"{refused.Message}; {failure.Message}");
        }
        if (verdict == true)
        {
            return;
        }
        throw verdict is null
            ? refused
            : new DBusErrorException(ModemManagerErrors.Unauthorized, $"{refused.Message}; polkit did not authorize {ControlAction} either");
    }

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
