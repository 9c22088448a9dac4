using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.BusApi.Tests;

/// <summary>An <see cref="IDBusObjectExporter"/> that keeps what was exported and emitted, so the API's declarations and bookkeeping can be checked without a bus.</summary>
internal sealed class RecordingExporter : IDBusObjectExporter
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, IReadOnlyList<DBusInterface>> objects = new(StringComparer.Ordinal);
    private readonly List<string> log = [];

    public IReadOnlyDictionary<string, IReadOnlyList<DBusInterface>> Objects
    {
        get
        {
            lock (gate)
            {
                return new Dictionary<string, IReadOnlyList<DBusInterface>>(objects, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>"add PATH", "remove PATH", "signal PATH IFACE.MEMBER args", "refresh PATH", in order.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (gate)
            {
                return [.. log];
            }
        }
    }

    public Task RequestNameAsync(string name) => Task.CompletedTask;

    public Task AddObjectAsync(string path, IReadOnlyList<DBusInterface> interfaces, bool managed = true)
    {
        lock (gate)
        {
            objects[path] = interfaces;
            log.Add($"add {path}");
        }
        return Task.CompletedTask;
    }

    public Task RemoveObjectAsync(string path)
    {
        lock (gate)
        {
            objects.Remove(path);
            log.Add($"remove {path}");
        }
        return Task.CompletedTask;
    }

    public Task EmitSignalAsync(string path, string @interface, string member, params DBusValue[] arguments)
    {
        lock (gate)
        {
            log.Add($"signal {path} {@interface}.{member} {string.Join(",", arguments.Select(Show))}");
        }
        return Task.CompletedTask;
    }

    public Task RefreshPropertiesAsync(string path)
    {
        lock (gate)
        {
            log.Add($"refresh {path}");
        }
        return Task.CompletedTask;
    }

    private static string Show(DBusValue value) => value switch
    {
        Int32Value v => v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        UInt32Value v => v.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => value.Signature,
    };

    /// <summary>Waits until <paramref name="condition"/> holds (the API applies fleet events on its own loop).</summary>
    public async Task WaitUntilAsync(Func<RecordingExporter, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what} did not happen in 10 s; exporter log:\n{string.Join('\n', Log)}");
            }
            await Task.Delay(10);
        }
    }

    public DBusInterface Interface(string path, string name) =>
        Objects[path].Single(i => i.Name == name);

    public DBusMethod Method(string path, string @interface, string name) =>
        Interface(path, @interface).Methods.Single(m => m.Name == name);

    public DBusValue Property(string path, string @interface, string name) =>
        Interface(path, @interface).Properties.Single(p => p.Name == name).Get();
}
