using WwanDaemon.DBus.Values;

namespace WwanDaemon.DBus.Server;

/// <summary>
/// One interface an object exports, declared as data: Introspect, Properties and the dispatcher are
/// all generated from it. Handlers run on the bus thread and must not block.
/// </summary>
public sealed record DBusInterface(
    string Name,
    IReadOnlyList<DBusMethod> Methods,
    IReadOnlyList<DBusProperty> Properties,
    IReadOnlyList<DBusSignal> Signals);

/// <summary>
/// A method: <paramref name="InSignature"/> is what a call must carry (anything else is InvalidArgs),
/// <paramref name="OutSignature"/> what <paramref name="Handler"/> returns. The handler starts on the
/// bus thread; when it completes later (awaiting a modem), the reply is sent then (the call is held
/// with sd_bus_message_ref). It throws <see cref="DBusErrorException"/> to reply with a D-Bus error.
/// </summary>
public sealed record DBusMethod(
    string Name,
    string InSignature,
    string OutSignature,
    Func<DBusCall, ValueTask<IReadOnlyList<DBusValue>>> Handler)
{
    /// <summary>A method answered at once from its arguments alone.</summary>
    public DBusMethod(string name, string inSignature, string outSignature, Func<IReadOnlyList<DBusValue>, IReadOnlyList<DBusValue>> handler)
        : this(name, inSignature, outSignature, call => ValueTask.FromResult(handler(call.Arguments)))
    {
    }
}

/// <summary>Whether a property can be written with org.freedesktop.DBus.Properties.Set.</summary>
public enum DBusPropertyAccess
{
    Read,
    ReadWrite,
}

/// <summary>
/// A property of one complete type <paramref name="Signature"/>. <paramref name="Set"/> is required
/// for <see cref="DBusPropertyAccess.ReadWrite"/>; it gets a value already checked against the signature.
/// </summary>
public sealed record DBusProperty(
    string Name,
    string Signature,
    DBusPropertyAccess Access,
    Func<DBusValue> Get,
    Action<DBusValue>? Set = null);

/// <summary>A signal the interface may emit, for introspection: its arguments' signature.</summary>
public sealed record DBusSignal(string Name, string Signature);
