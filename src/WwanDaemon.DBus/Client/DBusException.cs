namespace WwanDaemon.DBus.Client;

/// <summary>A D-Bus call failed: the error name ("org.freedesktop.DBus.Error.ServiceUnknown") and message, or a local errno.</summary>
public sealed class DBusException(string? errorName, string message) : Exception(message)
{
    /// <summary>The D-Bus error name, or null for a local failure (no bus, bad argument).</summary>
    public string? ErrorName { get; } = errorName;
}
