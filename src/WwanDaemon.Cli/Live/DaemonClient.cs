using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Values;
using static WwanDaemon.Cli.Live.ModemManagerNames;

namespace WwanDaemon.Cli.Live;

/// <summary>
/// wwanctl's side of the bus: typed reads and calls to wwan-daemon under its own name
/// (org.wwandaemon.WwanDaemon1, owned whether or not the ModemManager1 name is), using
/// ModemManager's interfaces for modem data and control and ours for the rest.
/// </summary>
public sealed class DaemonClient : IDisposable
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);
    private readonly BusConnection connection;

    private DaemonClient(BusConnection connection, string busDescription)
    {
        this.connection = connection;
        BusDescription = busDescription;
    }

    /// <summary>"the system bus" or the address given with --bus.</summary>
    public string BusDescription { get; }

    /// <summary>False once the bus connection is lost (the bus daemon stopped).</summary>
    public bool IsConnected => connection.IsRunning;

    /// <exception cref="DBusException">No bus at that address.</exception>
    public static DaemonClient Connect(string? address)
    {
        var connection = BusConnection.Connect(address);
        return new DaemonClient(connection, connection.Description);
    }

    /// <summary>Every modem (with its SIM and bearers) and the devices that are not modems.</summary>
    public async Task<DaemonSnapshot> ReadAsync()
    {
        var reply = await CallAsync(ManagerPath, ObjectManager, "GetManagedObjects", [], ReadTimeout).ConfigureAwait(false);
        var objects = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBusValue>>>(StringComparer.Ordinal);
        foreach (var (path, interfaces) in DBusRead.Dictionary(reply[0]))
        {
            objects[path] = DBusRead.Dictionary(interfaces).ToDictionary(i => i.Key, i => DBusRead.Dictionary(i.Value), StringComparer.Ordinal);
        }
        // Bearers are exported below the manager too; read any the object manager did not list.
        var bearers = objects.Values
            .SelectMany(interfaces => interfaces.TryGetValue(ModemInterface, out var modem) ? DBusRead.Texts(modem.GetValueOrDefault("Bearers")) : [])
            .Where(path => !objects.ContainsKey(path))
            .ToArray();
        foreach (var bearer in bearers)
        {
            if (await TryGetAllAsync(bearer, Bearer).ConfigureAwait(false) is { } properties)
            {
                objects[bearer] = new Dictionary<string, IReadOnlyDictionary<string, DBusValue>> { [Bearer] = properties };
            }
        }
        var modems = objects
            .Where(o => o.Value.ContainsKey(ModemInterface))
            .Select(o => ModemView.From(o.Key, objects))
            .OrderBy(m => m.Index ?? int.MaxValue).ThenBy(m => m.Path, StringComparer.Ordinal)
            .ToArray();
        var manager = await TryGetAllAsync(ManagerPath, OwnManagerInterface).ConfigureAwait(false) ?? new Dictionary<string, DBusValue>();
        var devices = DBusRead.Items(manager.GetValueOrDefault("Devices")).Select(d => SeenDeviceView.From(DBusRead.Dictionary(d))).ToArray();
        return new DaemonSnapshot(modems, devices, manager.Get("Version"));
    }

    /// <summary>Properties.GetAll, or null when the object or interface is not there.</summary>
    public async Task<IReadOnlyDictionary<string, DBusValue>?> TryGetAllAsync(string path, string @interface)
    {
        try
        {
            var reply = await CallAsync(path, Properties, "GetAll", [DBusValue.String(@interface)], ReadTimeout).ConfigureAwait(false);
            return DBusRead.Dictionary(reply[0]);
        }
        catch (DBusException failure) when (failure.ErrorName is "org.freedesktop.DBus.Error.UnknownObject" or "org.freedesktop.DBus.Error.UnknownInterface"
            or "org.freedesktop.DBus.Error.UnknownMethod" or "org.freedesktop.DBus.Error.InvalidArgs")
        {
            return null;
        }
    }

    /// <summary>Diagnose() on the manager (every device) or on one modem: the JSON of <c>wwanctl diagnose --json</c>.</summary>
    public async Task<string> DiagnoseAsync(string? modemPath)
    {
        var reply = modemPath is null
            ? await CallAsync(ManagerPath, OwnManagerInterface, "Diagnose", [], ReadTimeout).ConfigureAwait(false)
            : await CallAsync(modemPath, OwnModemInterface, "Diagnose", [], ReadTimeout).ConfigureAwait(false);
        return DBusRead.Text(reply[0]) ?? "";
    }

    /// <summary>Simple.Connect: returns the bearer's path once connected.</summary>
    public async Task<string> ConnectAsync(string modemPath, IReadOnlyList<KeyValuePair<string, DBusValue>> properties, TimeSpan timeout)
    {
        var reply = await CallAsync(modemPath, Simple, "Connect", [DBusValue.StringVariantDictionary(properties)], timeout).ConfigureAwait(false);
        return DBusRead.Text(reply[0]) ?? "/";
    }

    /// <summary>Simple.Disconnect("/"): every bearer of the modem.</summary>
    public Task DisconnectAsync(string modemPath, TimeSpan timeout) =>
        CallAsync(modemPath, Simple, "Disconnect", [DBusValue.ObjectPath("/")], timeout);

    public Task SendPinAsync(string simPath, string pin, TimeSpan timeout) =>
        CallAsync(simPath, Sim, "SendPin", [DBusValue.String(pin)], timeout);

    /// <summary>
    /// Subscribes to what watch and wait follow below the manager: ObjectManager InterfacesAdded/Removed,
    /// Modem StateChanged and PropertiesChanged. The bus confirms each match before this returns, so
    /// a read after it misses nothing. The handler runs on the bus thread.
    /// </summary>
    public async Task<IDisposable> SubscribeAsync(Action<DBusSignalMessage> handler)
    {
        string[] rules =
        [
            $"type='signal',interface='{ObjectManager}',path='{ManagerPath}'",
            $"type='signal',interface='{ModemInterface}',member='StateChanged',path_namespace='{ManagerPath}'",
            $"type='signal',interface='{Properties}',member='PropertiesChanged',path_namespace='{ManagerPath}'",
            // The daemon (re)starting: its name changes owner.
            $"type='signal',sender='org.freedesktop.DBus',interface='org.freedesktop.DBus',member='NameOwnerChanged',arg0='{OwnBusName}'",
        ];
        var subscriptions = new List<IDisposable>();
        foreach (var rule in rules)
        {
            subscriptions.Add(await connection.AddMatchAsync(rule, handler).ConfigureAwait(false));
        }
        return new Subscriptions(subscriptions);
    }

    private Task<IReadOnlyList<DBusValue>> CallAsync(string path, string @interface, string member, IReadOnlyList<DBusValue> arguments, TimeSpan timeout) =>
        connection.CallAsync(OwnBusName, path, @interface, member, arguments, timeout);

    public void Dispose() => connection.Dispose();

    private sealed class Subscriptions(List<IDisposable> subscriptions) : IDisposable
    {
        public void Dispose()
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
