using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.BusApi.Authorization;

/// <summary>
/// polkit through its D-Bus API (org.freedesktop.PolicyKit1.Authority.CheckAuthorization, polkit(8)):
/// the subject is the caller's unique bus name ("system-bus-name"), no interaction is allowed (a
/// daemon has no agent to ask), and an answer of "not authorized" or a challenge both refuse.
/// When org.freedesktop.PolicyKit1 has no owner, polkit is not consulted.
/// </summary>
public sealed class BusPolkitAuthority(BusConnection connection) : IPolkitAuthority
{
    public const string Name = "org.freedesktop.PolicyKit1";
    private const string Path = "/org/freedesktop/PolicyKit1/Authority";
    private const string Interface = "org.freedesktop.PolicyKit1.Authority";

    public async Task<bool?> CheckAsync(string sender, string actionId, CancellationToken cancellationToken)
    {
        var owned = await connection.CallAsync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner", [DBusValue.String(Name)]).ConfigureAwait(false);
        if (owned is not [BooleanValue { Value: true }])
        {
            return null;
        }
        var subject = DBusValue.Struct(DBusValue.String("system-bus-name"), DBusValue.StringVariantDictionary([KeyValuePair.Create("name", DBusValue.String(sender))]));
        IReadOnlyList<DBusValue> reply;
        try
        {
            reply = await connection.CallAsync(Name, Path, Interface, "CheckAuthorization",
                [subject, DBusValue.String(actionId), DBusValue.Dictionary("s", "s", []), DBusValue.UInt32(0), DBusValue.String("")],
                TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (DBusException error)
        {
            throw new PolkitException($"polkit could not check {actionId} for {sender}: {error.Message}");
        }
        // (bba{ss}): is_authorized, is_challenge, details.
        return reply is [StructValue { Fields: [BooleanValue authorized, BooleanValue challenge, ..] }]
            ? authorized.Value && !challenge.Value
            : throw new PolkitException($"polkit answered CheckAuthorization with '{string.Concat(reply.Select(v => v.Signature))}', not (bba{{ss}})");
    }
}

/// <summary>polkit was on the bus but could not give an answer.</summary>
public sealed class PolkitException(string message) : Exception(message)
{
}
