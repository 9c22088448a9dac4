using System.Globalization;
using WwanDaemon.DBus.Values;
using static WwanDaemon.Cli.Live.ModemManagerNames;

namespace WwanDaemon.Cli.Live;

/// <summary>A bearer's connection and IP settings (org.freedesktop.ModemManager1.Bearer).</summary>
public sealed record BearerView(string Path, string? Interface, bool Connected, IpSettings? Ipv4, IpSettings? Ipv6)
{
    public static BearerView From(string path, IReadOnlyDictionary<string, DBusValue> properties) => new(
        path,
        properties.Get("Interface") is { Length: > 0 } name ? name : null,
        properties.GetBoolean("Connected") ?? false,
        IpSettings.From(properties.TryGetValue("Ip4Config", out var v4) ? DBusRead.Dictionary(v4) : null),
        IpSettings.From(properties.TryGetValue("Ip6Config", out var v6) ? DBusRead.Dictionary(v6) : null));
}

/// <summary>Ip4Config/Ip6Config: method, address/prefix, gateway, DNS servers, MTU.</summary>
public sealed record IpSettings(string Method, string? Address, long? Prefix, string? Gateway, IReadOnlyList<string> Dns, long? Mtu)
{
    public static IpSettings? From(IReadOnlyDictionary<string, DBusValue>? config)
    {
        if (config is null || config.Count == 0)
        {
            return null;
        }
        var method = config.GetNumber("method");
        if (method is null or 0 && config.Get("address") is null)
        {
            return null; // MM sends {method: unknown} for a family not configured
        }
        string[] dns = [.. DnsKeys.Select(config.Get).OfType<string>().Where(s => s.Length > 0)];
        return new IpSettings(IpMethod(method), config.Get("address"), config.GetNumber("prefix"), config.Get("gateway"), dns, config.GetNumber("mtu"));
    }

    private static readonly string[] DnsKeys = ["dns1", "dns2", "dns3"];

    public string AddressWithPrefix => Address is null ? "none" : Prefix is { } prefix ? $"{Address}/{prefix}" : Address;
}

/// <summary>A port as ModemManager lists it (a(su): name, MMModemPortType).</summary>
public sealed record PortView(string Name, string Type);

/// <summary>
/// One modem as wwanctl shows it: the Modem, Modem3gpp, SIM and bearer objects and our own
/// org.wwandaemon.WwanDaemon1.Modem interface, read from GetManagedObjects in one go.
/// </summary>
public sealed record ModemView
{
    public required string Path { get; init; }
    public int? Index { get; init; }
    public string? Id { get; init; }
    public string? Manufacturer { get; init; }
    public string? Model { get; init; }
    public string? Revision { get; init; }
    public int State { get; init; }
    public string? StateReason { get; init; }
    public string? FailedReason { get; init; }
    public string? SimPath { get; init; }
    public long? UnlockRequired { get; init; }
    public IReadOnlyDictionary<uint, uint> UnlockRetries { get; init; } = new Dictionary<uint, uint>();
    public string? OperatorName { get; init; }
    public string? OperatorCode { get; init; }
    public long? Registration { get; init; }
    public long? SignalPercent { get; init; }
    public bool SignalRecent { get; init; }
    public long? AccessTechnologies { get; init; }
    public IReadOnlyList<PortView> Ports { get; init; } = [];
    public string? PrimaryPort { get; init; }
    public string? ControlPort { get; init; }
    public string? ControlProtocol { get; init; }
    public string? PrimaryAtPort { get; init; }
    public long? Configuration { get; init; }
    public IReadOnlyList<string> Actions { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    public long? ReconnectAttempts { get; init; }
    public bool? IpApplied { get; init; }
    public IReadOnlyList<BearerView> Bearers { get; init; } = [];

    public string StateName => ModemManagerNames.State(State);

    public string Name => string.Join(" ", new[] { Manufacturer, Model }.Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } name ? name : "unnamed modem";

    /// <summary>"modem 0 (1-6)": how messages name it.</summary>
    public string Label => (Index is { } index ? "modem " + index.ToString(CultureInfo.InvariantCulture) : Path) + (Id is null ? "" : $" ({Id})");

    public uint? PinRetries => UnlockRetries.TryGetValue(LockSimPin, out var tries) ? tries : null;

    public uint? PukRetries => UnlockRetries.TryGetValue(LockSimPuk, out var tries) ? tries : null;

    public BearerView? ConnectedBearer => Bearers.FirstOrDefault(b => b.Connected);

    /// <summary>The index N of /org/freedesktop/ModemManager1/Modem/N, or null for another path.</summary>
    public static int? IndexOf(string path) =>
        path.StartsWith(ModemPathPrefix, StringComparison.Ordinal) && int.TryParse(path.AsSpan(ModemPathPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : null;

    /// <summary>
    /// Builds the view from the interfaces of the modem object and of the other objects (its SIM and
    /// bearers), as GetManagedObjects returns them: path → interface → properties.
    /// </summary>
    public static ModemView From(string path, IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBusValue>>> objects)
    {
        var interfaces = objects[path];
        var modem = interfaces.GetValueOrDefault(ModemInterface) ?? Empty;
        var threeGpp = interfaces.GetValueOrDefault(Modem3gpp) ?? Empty;
        var own = interfaces.GetValueOrDefault(OwnModemInterface) ?? Empty;
        var signal = DBusRead.Fields(modem.GetValueOrDefault("SignalQuality"));
        var retries = new Dictionary<uint, uint>();
        foreach (var item in DBusRead.Items(modem.GetValueOrDefault("UnlockRetries"))) // a{uu}: MMModemLock → tries
        {
            if (item is DictEntryValue entry && DBusRead.Number(entry.Key) is { } lockType && DBusRead.Number(entry.Value) is { } tries)
            {
                retries[(uint)lockType] = (uint)tries;
            }
        }
        var bearers = DBusRead.Texts(modem.GetValueOrDefault("Bearers"))
            .Select(bearer => objects.TryGetValue(bearer, out var bearerInterfaces) && bearerInterfaces.TryGetValue(Bearer, out var properties)
                ? BearerView.From(bearer, properties)
                : new BearerView(bearer, null, false, null, null))
            .ToArray();
        var sim = modem.Get("Sim");
        return new ModemView
        {
            Path = path,
            Index = IndexOf(path),
            Id = own.Get("Id"),
            Manufacturer = modem.Get("Manufacturer"),
            Model = modem.Get("Model"),
            Revision = modem.Get("Revision"),
            State = (int)(modem.GetNumber("State") ?? 0),
            StateReason = own.Get("StateReason") is { Length: > 0 } reason ? reason : null,
            FailedReason = ModemManagerNames.FailedReason(modem.GetNumber("StateFailedReason")),
            SimPath = sim is null or "/" ? null : sim,
            UnlockRequired = modem.GetNumber("UnlockRequired"),
            UnlockRetries = retries,
            OperatorName = threeGpp.Get("OperatorName") is { Length: > 0 } name ? name : null,
            OperatorCode = threeGpp.Get("OperatorCode") is { Length: > 0 } code ? code : null,
            Registration = threeGpp.GetNumber("RegistrationState"),
            SignalPercent = signal.Count > 0 ? DBusRead.Number(signal[0]) : null,
            SignalRecent = signal.Count > 1 && DBusRead.Boolean(signal[1]) == true,
            AccessTechnologies = modem.GetNumber("AccessTechnologies"),
            Ports = DBusRead.Items(modem.GetValueOrDefault("Ports"))
                .Select(DBusRead.Fields)
                .Where(fields => fields.Count == 2)
                .Select(fields => new PortView(DBusRead.Text(fields[0]) ?? "?", PortType(DBusRead.Number(fields[1]))))
                .ToArray(),
            PrimaryPort = modem.Get("PrimaryPort"),
            ControlPort = own.Get("ControlPort") is { Length: > 0 } control ? control : null,
            ControlProtocol = own.Get("ControlProtocol") is { Length: > 0 } protocol ? protocol : null,
            PrimaryAtPort = own.Get("PrimaryAtPort") is { Length: > 0 } at ? at : null,
            Configuration = own.GetNumber("Configuration") is { } configuration and > 0 ? configuration : null,
            Actions = DBusRead.Texts(own.GetValueOrDefault("Actions")),
            Warnings = DBusRead.Texts(own.GetValueOrDefault("Warnings")),
            ReconnectAttempts = own.GetNumber("ReconnectAttempts"),
            IpApplied = own.GetBoolean("IpApplied"),
            Bearers = bearers,
        };
    }

    private static readonly IReadOnlyDictionary<string, DBusValue> Empty = new Dictionary<string, DBusValue>();
}

/// <summary>A device the daemon saw that is not a modem (own manager property Devices).</summary>
public sealed record SeenDeviceView(string? Id, string? Device, long? VendorId, long? ProductId, string? Description, string? Reason)
{
    public static SeenDeviceView From(IReadOnlyDictionary<string, DBusValue> entry) => new(
        entry.Get("id"), entry.Get("device"), entry.GetNumber("vendor-id"), entry.GetNumber("product-id"), entry.Get("description"), entry.Get("reason"));

    public string UsbId => VendorId is { } vendor && ProductId is { } product ? $"{vendor:x4}:{product:x4}" : "????:????";
}

/// <summary>Everything wwanctl reads in one round: the modems and the devices that are not modems.</summary>
public sealed record DaemonSnapshot(IReadOnlyList<ModemView> Modems, IReadOnlyList<SeenDeviceView> Devices, string? Version);
