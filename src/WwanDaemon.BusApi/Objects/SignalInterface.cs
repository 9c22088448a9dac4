using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.Fleet;
using static WwanDaemon.BusApi.Objects.Declare;

namespace WwanDaemon.BusApi.Objects;

/// <summary>
/// org.freedesktop.ModemManager1.Modem.Signal: the RSSI the modem reports ("rssi", dBm, d) in the
/// dictionary of the access technology it is on; the other measurements (RSRP, RSRQ, SNR) are not
/// read by the backends and are left out rather than made up.
/// </summary>
internal static class SignalInterface
{
    private const string Name = BusNames.SignalInterface;

    public static DBusInterface Build(ModemEntry entry, ModemManagerApi api) => new(Name,
        [
            api.Guard(new DBusMethod("Setup", "u", "", call =>
            {
                entry.SignalRate = ((UInt32Value)call.Arguments[0]).Value;
                return ValueTask.FromResult<IReadOnlyList<DBusValue>>([]);
            })),
            api.Guard(new DBusMethod("SetupThresholds", "a{sv}", "", call =>
            {
                uint? rssi = null;
                bool? errorRate = null;
                foreach (var item in ((ArrayValue)call.Arguments[0]).Items.Cast<DictEntryValue>())
                {
                    var key = ((StringValue)item.Key).Value;
                    var value = ((VariantValue)item.Value).Value;
                    switch (key)
                    {
                        case "rssi-threshold" when value is UInt32Value number: rssi = number.Value; break;
                        case "error-rate-threshold" when value is BooleanValue flag: errorRate = flag.Value; break;
                        default: throw new DBusErrorException(DBusErrorNames.InvalidArgs, $"SetupThresholds takes rssi-threshold (u) and error-rate-threshold (b), not '{Modem.ConnectionProfiles.ProfileValidation.Printable(key)}' ({value.Signature})");
                    }
                }
                entry.RssiThreshold = rssi ?? entry.RssiThreshold;
                entry.ErrorRateThreshold = errorRate ?? entry.ErrorRateThreshold;
                return ValueTask.FromResult<IReadOnlyList<DBusValue>>([]);
            })),
        ],
        [
            Read("Rate", "u", () => DBusValue.UInt32(entry.SignalRate)),
            Read("RssiThreshold", "u", () => DBusValue.UInt32(entry.RssiThreshold)),
            Read("ErrorRateThreshold", "b", () => DBusValue.Boolean(entry.ErrorRateThreshold)),
            Read("Cdma", "a{sv}", EmptyDictionary),
            Read("Evdo", "a{sv}", EmptyDictionary),
            Read("Gsm", "a{sv}", () => Measurements(entry.Latest, AccessTechnology.Gsm)),
            Read("Umts", "a{sv}", () => Measurements(entry.Latest, AccessTechnology.Umts)),
            Read("Lte", "a{sv}", () => Measurements(entry.Latest, AccessTechnology.Lte)),
            Read("Nr5g", "a{sv}", () => Measurements(entry.Latest, AccessTechnology.Nr5g)),
        ],
        []);

    private static DBusValue Measurements(ModemSnapshot modem, AccessTechnology technology) =>
        modem.AccessTechnology == technology && modem.SignalRssiDbm is { } rssi
            ? DBusValue.StringVariantDictionary([KeyValuePair.Create("rssi", DBusValue.Double(rssi))])
            : EmptyDictionary();
}
