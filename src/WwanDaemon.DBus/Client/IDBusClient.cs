namespace WwanDaemon.DBus.Client;

/// <summary>Calls methods on a bus. The one seam between the daemon and its D-Bus library (sd-bus today).</summary>
public interface IDBusClient : IDisposable
{
    /// <summary>Calls a method whose reply carries nothing the caller needs.</summary>
    /// <exception cref="DBusException">The call failed; the message names the destination, the member and the error.</exception>
    void Call(string destination, string path, string @interface, string member, params DBusArgument[] arguments);

    /// <summary>Whether a well-known name has an owner on the bus (org.freedesktop.DBus.NameHasOwner).</summary>
    bool NameHasOwner(string name);
}
