namespace WwanDaemon.DBus.Server;

/// <summary>Thrown by a handler to reply with the D-Bus error <see cref="ErrorName"/> and a message for the caller.</summary>
public sealed class DBusErrorException(string errorName, string message) : Exception(message)
{
    public string ErrorName { get; } = errorName;
}

/// <summary>The standard error names the object server replies with (D-Bus specification, "Message Bus Messages").</summary>
public static class DBusErrorNames
{
    public const string UnknownObject = "org.freedesktop.DBus.Error.UnknownObject";
    public const string UnknownInterface = "org.freedesktop.DBus.Error.UnknownInterface";
    public const string UnknownMethod = "org.freedesktop.DBus.Error.UnknownMethod";
    public const string UnknownProperty = "org.freedesktop.DBus.Error.UnknownProperty";
    public const string InvalidArgs = "org.freedesktop.DBus.Error.InvalidArgs";
    public const string PropertyReadOnly = "org.freedesktop.DBus.Error.PropertyReadOnly";
    public const string Failed = "org.freedesktop.DBus.Error.Failed";
}

/// <summary>The standard interface names the object server implements itself.</summary>
public static class DBusStandardInterfaces
{
    public const string Introspectable = "org.freedesktop.DBus.Introspectable";
    public const string Properties = "org.freedesktop.DBus.Properties";
    public const string ObjectManager = "org.freedesktop.DBus.ObjectManager";
    public const string Peer = "org.freedesktop.DBus.Peer";
}
