using System.Runtime.InteropServices;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Native;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.DBus.Server;

/// <summary>
/// Exports objects on a <see cref="BusConnection"/> through one sd-bus fallback handler on "/"
/// (sd_bus_add_fallback(3)) that dispatches on (path, interface, member, signature) to the
/// <see cref="DBusInterface"/> declarations registered here. Implements Introspectable, Properties
/// and, on <see cref="ObjectManagerPath"/>, ObjectManager. The registry is touched only on the bus thread.
/// </summary>
public sealed partial class ObjectServer : IDBusObjectExporter, IDisposable
{
    private readonly BusConnection connection;
    private readonly Dictionary<string, IReadOnlyList<DBusInterface>> objects = new(StringComparer.Ordinal);
    private readonly HashSet<string> unmanaged = new(StringComparer.Ordinal); // exported, but not announced by the object manager

    // The property values last announced per object and interface, to find what changed on a refresh.
    private readonly Dictionary<(string Path, string Interface), Dictionary<string, DBusValue>> announced = [];
    private GCHandle self;
    private IntPtr slot;

    private ObjectServer(BusConnection connection, string? objectManagerPath)
    {
        this.connection = connection;
        ObjectManagerPath = objectManagerPath;
    }

    /// <summary>The path whose ObjectManager reports every object below it, or null for none.</summary>
    public string? ObjectManagerPath { get; }

    /// <summary>Installs the fallback handler on <paramref name="connection"/>.</summary>
    public static async Task<ObjectServer> StartAsync(BusConnection connection, string? objectManagerPath = null)
    {
        var server = new ObjectServer(connection, objectManagerPath);
        await connection.InvokeAsync(server.InstallFallback).ConfigureAwait(false);
        return server;
    }

    private unsafe void InstallFallback()
    {
        self = GCHandle.Alloc(this);
        var result = SdBus.AddFallback(connection.Bus, out slot, "/", &OnMethodCall, GCHandle.ToIntPtr(self));
        if (result < 0)
        {
            self.Free();
            throw new DBusException(null, $"D-Bus: installing the object handler on {connection.Description} failed: {Marshal.GetPInvokeErrorMessage(-result)} (errno {-result})");
        }
    }

    /// <summary>Exports an object; emits InterfacesAdded when it lies below <see cref="ObjectManagerPath"/>.</summary>
    /// <exception cref="ArgumentException">An object is already exported at <paramref name="path"/>.</exception>
    public Task AddObjectAsync(string path, IReadOnlyList<DBusInterface> interfaces, bool managed = true) => connection.InvokeAsync(() =>
    {
        if (!objects.TryAdd(path, interfaces))
        {
            throw new ArgumentException($"D-Bus: an object is already exported at {path}", nameof(path));
        }
        foreach (var declaration in interfaces)
        {
            announced[(path, declaration.Name)] = declaration.Properties.ToDictionary(p => p.Name, p => p.Get(), StringComparer.Ordinal);
        }
        if (!managed)
        {
            unmanaged.Add(path);
        }
        if (IsManaged(path))
        {
            SendSignal(ObjectManagerPath!, DBusStandardInterfaces.ObjectManager, "InterfacesAdded",
                [DBusValue.ObjectPath(path), InterfacesAndProperties(interfaces)]);
        }
    });

    /// <summary>Stops exporting an object; emits InterfacesRemoved when it lies below <see cref="ObjectManagerPath"/>.</summary>
    public Task RemoveObjectAsync(string path) => connection.InvokeAsync(() =>
    {
        if (!objects.Remove(path, out var interfaces))
        {
            return;
        }
        foreach (var declaration in interfaces)
        {
            announced.Remove((path, declaration.Name));
        }
        var wasManaged = IsManaged(path);
        unmanaged.Remove(path);
        if (wasManaged)
        {
            SendSignal(ObjectManagerPath!, DBusStandardInterfaces.ObjectManager, "InterfacesRemoved",
                [DBusValue.ObjectPath(path), DBusValue.Array("s", interfaces.Select(i => DBusValue.String(i.Name)).ToList())]);
        }
    });

    /// <inheritdoc/>
    public Task RequestNameAsync(string name) => connection.RequestNameAsync(name);

    /// <inheritdoc/>
    public Task RefreshPropertiesAsync(string path) => connection.InvokeAsync(() =>
    {
        if (!objects.TryGetValue(path, out var interfaces))
        {
            return; // removed meanwhile: nothing to announce
        }
        foreach (var declaration in interfaces)
        {
            var last = announced[(path, declaration.Name)];
            var changed = new List<KeyValuePair<string, DBusValue>>();
            foreach (var property in declaration.Properties)
            {
                var value = property.Get();
                if (!last.TryGetValue(property.Name, out var previous) || previous != value)
                {
                    last[property.Name] = value;
                    changed.Add(KeyValuePair.Create(property.Name, value));
                }
            }
            if (changed.Count > 0)
            {
                SendSignal(path, DBusStandardInterfaces.Properties, "PropertiesChanged",
                    [DBusValue.String(declaration.Name), DBusValue.StringVariantDictionary(changed), DBusValue.Array("s", [])]);
            }
        }
    });

    /// <summary>Emits a signal built by hand (sd_bus_message_new_signal + append).</summary>
    public Task EmitSignalAsync(string path, string @interface, string member, params DBusValue[] arguments) =>
        connection.InvokeAsync(() => SendSignal(path, @interface, member, arguments));

    /// <summary>Emits org.freedesktop.DBus.Properties.PropertiesChanged with the current values of <paramref name="propertyNames"/>.</summary>
    /// <exception cref="ArgumentException">No such object, interface or property.</exception>
    public Task EmitPropertiesChangedAsync(string path, string @interface, params string[] propertyNames) => connection.InvokeAsync(() =>
    {
        var declaration = FindInterface(path, @interface)
            ?? throw new ArgumentException($"D-Bus: no interface {@interface} exported at {path}", nameof(@interface));
        var changed = propertyNames.Select(name =>
        {
            var property = declaration.Properties.FirstOrDefault(p => p.Name == name)
                ?? throw new ArgumentException($"D-Bus: {@interface} at {path} has no property {name}", nameof(propertyNames));
            return KeyValuePair.Create(name, property.Get());
        }).ToList();
        var last = announced[(path, @interface)];
        foreach (var (name, value) in changed)
        {
            last[name] = value;
        }
        SendSignal(path, DBusStandardInterfaces.Properties, "PropertiesChanged",
            [DBusValue.String(@interface), DBusValue.StringVariantDictionary(changed), DBusValue.Array("s", [])]);
    });

    private bool IsManaged(string path) =>
        ObjectManagerPath is not null && !unmanaged.Contains(path) && path != ObjectManagerPath && IsBelow(path, ObjectManagerPath);

    private static bool IsBelow(string path, string root) =>
        root == "/" ? path.StartsWith('/') : path.StartsWith(root + "/", StringComparison.Ordinal);

    private DBusInterface? FindInterface(string path, string @interface) =>
        objects.TryGetValue(path, out var interfaces) ? interfaces.FirstOrDefault(i => i.Name == @interface) : null;

    private void SendSignal(string path, string @interface, string member, IReadOnlyList<DBusValue> arguments)
    {
        Check(SdBus.NewSignal(connection.Bus, out var message, path, @interface, member), $"building signal {@interface}.{member} at {path}");
        try
        {
            foreach (var argument in arguments)
            {
                DBusMessageWriter.Append(message, argument);
            }
            Check(SdBus.Send(connection.Bus, message, IntPtr.Zero), $"sending signal {@interface}.{member} at {path}");
        }
        finally
        {
            SdBus.MessageUnref(message);
        }
    }

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new DBusException(null, $"D-Bus: {what}: {Marshal.GetPInvokeErrorMessage(-result)} (errno {-result})");
        }
    }

    /// <summary>Removes the handler; objects stop being exported. The connection stays open.</summary>
    public void Dispose()
    {
        if (!self.IsAllocated)
        {
            return;
        }
        void Release()
        {
            SdBus.SlotUnref(slot);
            slot = IntPtr.Zero;
            self.Free();
        }
        if (connection.IsRunning)
        {
            try
            {
                connection.InvokeAsync(Release).GetAwaiter().GetResult();
                return;
            }
            catch (ObjectDisposedException)
            {
                // The loop stopped meanwhile and closed the bus, which freed the slot with it.
            }
        }
        if (self.IsAllocated)
        {
            self.Free();
        }
    }
}
