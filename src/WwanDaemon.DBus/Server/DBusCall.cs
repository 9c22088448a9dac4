using WwanDaemon.DBus.Values;

namespace WwanDaemon.DBus.Server;

/// <summary>
/// Who sent a method call, as the bus vouches for it (sd_bus_query_sender_creds(3): the bus daemon's
/// GetConnectionCredentials). <paramref name="Uid"/> is null when the bus could not tell; an
/// authorization check must then refuse.
/// </summary>
/// <param name="Sender">The caller's unique name (":1.42").</param>
/// <param name="Uid">The effective uid of the process that owns the connection, or null.</param>
/// <param name="Pid">Its pid, or null.</param>
public sealed record DBusCaller(string Sender, uint? Uid, int? Pid);

/// <summary>One method call as a handler sees it: where it went, its arguments (already checked against the declared signature) and the caller.</summary>
public sealed record DBusCall(string Path, string Interface, string Member, IReadOnlyList<DBusValue> Arguments, DBusCaller Caller);
