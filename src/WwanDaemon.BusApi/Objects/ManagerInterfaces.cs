using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.Fleet;
using static WwanDaemon.BusApi.Objects.Declare;

namespace WwanDaemon.BusApi.Objects;

/// <summary>
/// The manager at /org/freedesktop/ModemManager1 (its ObjectManager comes from the object server):
/// org.freedesktop.ModemManager1 and our org.wwandaemon.WwanDaemon1 (version, policy, the devices
/// that are not modems yet with the reason, Diagnose, SetPolicy).
/// </summary>
internal static class ManagerInterfaces
{
    private static readonly string[] LogLevels = ["ERR", "WARN", "INFO", "DEBUG"];

    public static IReadOnlyList<DBusInterface> Build(ModemManagerApi api) =>
    [
        new DBusInterface(BusNames.ModemManager,
            [
                api.Guard(new DBusMethod("ScanDevices", "", "", call =>
                    ValueTask.FromResult<IReadOnlyList<DBusValue>>([]))), // devices are watched all the time (uevents); nothing to rescan
                api.Guard(new DBusMethod("SetLogging", "s", "", call =>
                {
                    var level = ((StringValue)call.Arguments[0]).Value;
                    if (!LogLevels.Contains(level, StringComparer.Ordinal))
                    {
                        throw new DBusErrorException(DBusErrorNames.InvalidArgs, $"SetLogging: '{Modem.ConnectionProfiles.ProfileValidation.Printable(level)}' is not a level; use ERR, WARN, INFO or DEBUG");
                    }
                    var setLevel = api.Options.SetLogLevel ?? throw ModemManagerErrors.NotSupported("SetLogging", "this host cannot change its log level while running");
                    setLevel(level);
                    return ValueTask.FromResult<IReadOnlyList<DBusValue>>([]);
                })),
                Unsupported(BusNames.ModemManager, "ReportKernelEvent", "a{sv}", "", "it reads the kernel's uevents itself"),
                new DBusMethod("InhibitDevice", "sb", "", call =>
                    api.InhibitDeviceAsync(call, TextArgument(call.Arguments, 0), ((BooleanValue)call.Arguments[1]).Value)),
            ],
            [Read("Version", "s", () => DBusValue.String(api.Options.ModemManagerVersion))],
            []),
        new DBusInterface(BusNames.OwnManagerInterface,
            [
                new DBusMethod("Diagnose", "", "s", (IReadOnlyList<DBusValue> _) => [DBusValue.String(api.Options.Diagnose(null))]),
                api.Guard(new DBusMethod("SetPolicy", "s", "", call =>
                {
                    var policy = ((StringValue)call.Arguments[0]).Value;
                    var setPolicy = api.Options.SetPolicy ?? throw ModemManagerErrors.NotSupported("SetPolicy", "this host cannot change the policy while running");
                    try
                    {
                        setPolicy(policy);
                    }
                    catch (ArgumentException problem)
                    {
                        throw new DBusErrorException(DBusErrorNames.InvalidArgs, problem.Message);
                    }
                    return ValueTask.FromResult<IReadOnlyList<DBusValue>>([]);
                })),
            ],
            [
                Read("Version", "s", () => DBusValue.String(api.Options.DaemonVersion)),
                Read("Policy", "s", () => DBusValue.String(api.Options.Policy())),
                Read("ModemManagerApi", "b", () => DBusValue.Boolean(api.Options.ModemManagerNameOwned)),
                Read("Devices", "aa{sv}", () => DBusValue.Array("a{sv}", api.Fleet.Devices().Select(Device).ToList())),
            ],
            []),
    ];

    private static DBusValue Device(SeenDevice device) => DBusValue.StringVariantDictionary(
    [
        KeyValuePair.Create("id", DBusValue.String(device.Id)),
        KeyValuePair.Create("device", DBusValue.String(device.Device)),
        KeyValuePair.Create("vendor-id", DBusValue.UInt32(device.VendorId)),
        KeyValuePair.Create("product-id", DBusValue.UInt32(device.ProductId)),
        KeyValuePair.Create("description", Text(device.Description)),
        KeyValuePair.Create("reason", DBusValue.String(device.Reason)),
    ]);
}
