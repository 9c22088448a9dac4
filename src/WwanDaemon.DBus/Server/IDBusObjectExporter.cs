using WwanDaemon.DBus.Values;

namespace WwanDaemon.DBus.Server;

/// <summary>
/// The one seam between the daemon's D-Bus APIs and the D-Bus library (sd-bus today, Tmds.DBus
/// later): own names, export objects declared as data, emit signals. Property changes are found by
/// comparing values, so an API only says which object may have changed.
/// </summary>
public interface IDBusObjectExporter
{
    /// <summary>Owns a well-known name (no queueing, no replacement).</summary>
    Task RequestNameAsync(string name);

    /// <summary>
    /// Exports an object; when it lies below the object manager and <paramref name="managed"/> is true,
    /// GetManagedObjects lists it and InterfacesAdded/Removed announce it (ModemManager manages its modems
    /// this way, not their SIM and bearer objects).
    /// </summary>
    Task AddObjectAsync(string path, IReadOnlyList<DBusInterface> interfaces, bool managed = true);

    /// <summary>Stops exporting an object; emits ObjectManager.InterfacesRemoved when it lies below the object manager.</summary>
    Task RemoveObjectAsync(string path);

    /// <summary>Emits a signal.</summary>
    Task EmitSignalAsync(string path, string @interface, string member, params DBusValue[] arguments);

    /// <summary>Reads every property of the object at <paramref name="path"/> again and emits PropertiesChanged (one per interface) with those whose value differs from the last one sent.</summary>
    Task RefreshPropertiesAsync(string path);
}
