using WwanDaemon.Cli.Live;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.Cli.Tests;

/// <summary>Objects as GetManagedObjects returns them for a connected modem and its bearer, built by hand.</summary>
internal static class ModemViewFixtures
{
    public const string ModemPath = "/org/freedesktop/ModemManager1/Modem/0";
    public const string BearerPath = "/org/freedesktop/ModemManager1/Bearer/0";

    public static Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBusValue>>> Connected(string path = ModemPath, string id = "1-6", int state = 11) => new()
    {
        [path] = new Dictionary<string, IReadOnlyDictionary<string, DBusValue>>
        {
            [ModemManagerNames.ModemInterface] = new Dictionary<string, DBusValue>
            {
                ["Manufacturer"] = DBusValue.String("SIMCOM INCORPORATED"),
                ["Model"] = DBusValue.String("SIMCOM_SIM7600G-H"),
                ["State"] = DBusValue.Int32(state),
                ["StateFailedReason"] = DBusValue.UInt32(0),
                ["Sim"] = DBusValue.ObjectPath("/org/freedesktop/ModemManager1/SIM/0"),
                ["UnlockRequired"] = DBusValue.UInt32(1),
                ["UnlockRetries"] = DBusValue.Dictionary("u", "u", [KeyValuePair.Create(DBusValue.UInt32(2), DBusValue.UInt32(3)), KeyValuePair.Create(DBusValue.UInt32(4), DBusValue.UInt32(10))]),
                ["SignalQuality"] = DBusValue.Struct(DBusValue.UInt32(67), DBusValue.Boolean(true)),
                ["AccessTechnologies"] = DBusValue.UInt32(1 << 14),
                ["Ports"] = DBusValue.Array("(su)", [DBusValue.Struct(DBusValue.String("cdc-wdm0"), DBusValue.UInt32(6)), DBusValue.Struct(DBusValue.String("wwan0"), DBusValue.UInt32(2)), DBusValue.Struct(DBusValue.String("ttyUSB2"), DBusValue.UInt32(3))]),
                ["PrimaryPort"] = DBusValue.String("cdc-wdm0"),
                ["Bearers"] = DBusValue.Array("o", [DBusValue.ObjectPath(BearerPath)]),
            },
            [ModemManagerNames.Modem3gpp] = new Dictionary<string, DBusValue>
            {
                ["OperatorName"] = DBusValue.String("Simulated Telecom"),
                ["OperatorCode"] = DBusValue.String("00101"),
                ["RegistrationState"] = DBusValue.UInt32(1),
            },
            [ModemManagerNames.OwnModemInterface] = new Dictionary<string, DBusValue>
            {
                ["Id"] = DBusValue.String(id),
                ["Configuration"] = DBusValue.UInt32(1),
                ["Actions"] = DBusValue.Array("s", [DBusValue.String("bind qmi_wwan to interface 5")]),
                ["Warnings"] = DBusValue.Array("s", []),
                ["ControlPort"] = DBusValue.String("cdc-wdm0"),
                ["ControlProtocol"] = DBusValue.String("qmi"),
                ["PrimaryAtPort"] = DBusValue.String("ttyUSB2"),
                ["StateReason"] = DBusValue.String("connected to internet"),
                ["ReconnectAttempts"] = DBusValue.UInt32(0),
                ["IpApplied"] = DBusValue.Boolean(false),
            },
        },
        [BearerPath] = new Dictionary<string, IReadOnlyDictionary<string, DBusValue>>
        {
            [ModemManagerNames.Bearer] = new Dictionary<string, DBusValue>
            {
                ["Interface"] = DBusValue.String("wwan0"),
                ["Connected"] = DBusValue.Boolean(true),
                ["Ip4Config"] = DBusValue.StringVariantDictionary(
                [
                    new("method", DBusValue.UInt32(2)), new("address", DBusValue.String("10.64.0.2")), new("prefix", DBusValue.UInt32(30)),
                    new("gateway", DBusValue.String("10.64.0.1")), new("dns1", DBusValue.String("10.64.0.53")), new("mtu", DBusValue.UInt32(1500)),
                ]),
                ["Ip6Config"] = DBusValue.StringVariantDictionary([new("method", DBusValue.UInt32(0))]),
            },
        },
    };

    public static ModemView Modem(string path = ModemPath, string id = "1-6", int state = 11) => ModemView.From(path, Connected(path, id, state));
}
