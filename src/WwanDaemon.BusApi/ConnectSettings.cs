using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;

namespace WwanDaemon.BusApi;

/// <summary>
/// Simple.Connect's and CreateBearer's a{sv} (the keys mmcli and NetworkManager send, ModemManager's
/// types: apn s, user s, password s, ip-type u, allowed-auth u, allow-roaming b, pin s, operator-id s)
/// turned into a <see cref="ConnectRequest"/>. Anything else is refused with InvalidArgs naming the key,
/// before anything reaches the modem.
/// </summary>
public static class ConnectSettings
{
    /// <summary>The longest string value taken (an APN is at most 100 octets, TS 23.003 §9.1; user names and passwords are shorter in practice).</summary>
    public const int MaxLength = 100;

    public static ConnectRequest Parse(DBusValue dictionary)
    {
        string? apn = null, user = null, password = null, pin = null, operatorId = null;
        var ipType = IpFamily.Ipv4;
        var authentication = ApnAuthentication.None;
        var allowRoaming = true;
        foreach (var (key, value) in Entries(dictionary))
        {
            switch (key)
            {
                case "apn": apn = Text(key, value); break;
                case "user": user = Text(key, value); break;
                case "password": password = Text(key, value); break;
                case "pin": pin = Text(key, value); break;
                case "operator-id": operatorId = Text(key, value); break;
                case "ip-type":
                    ipType = ModemManagerNumbers.IpFamilyFrom(Number(key, value))
                        ?? throw Invalid($"ip-type {Number(key, value)} is not one wwan-daemon can ask for: use 1 (ipv4), 2 (ipv6) or 4 (ipv4v6)");
                    break;
                case "allowed-auth":
                    authentication = ModemManagerNumbers.AllowedAuthFrom(Number(key, value))
                        ?? throw Invalid($"allowed-auth {Number(key, value)} is not supported: use 1 (none), 2 (pap) or 4 (chap)");
                    break;
                case "allow-roaming": allowRoaming = Flag(key, value); break;
                case var known when DefaultOnly.TryGetValue(known, out var accepted):
                    if (!accepted(value))
                    {
                        throw Invalid($"{key} {Show(value)} is not supported by wwan-daemon; leave it unset");
                    }
                    break;
                default: throw Invalid($"unknown key '{ProfileValidation.Printable(key)}'; the keys are apn, user, password, ip-type, allowed-auth, allow-roaming, pin, operator-id");
            }
        }
        if (apn is null)
        {
            throw Invalid("the key 'apn' is required");
        }
        var request = new ConnectRequest(apn, ipType, authentication, user, password, allowRoaming, pin, operatorId);
        // APN (TS 23.003 §9.1), PIN, user, password and operator id: the same checks a stored profile gets.
        var (_, problems) = ModemCommandMapping.ToProfile(request);
        if (problems.Count > 0)
        {
            throw Invalid(string.Join("; ", problems));
        }
        return request;
    }

    /// <summary>The dictionary ModemManager reports as a bearer's Properties (no password, no PIN).</summary>
    public static DBusValue Describe(ConnectRequest request)
    {
        var entries = new List<KeyValuePair<string, DBusValue>>
        {
            KeyValuePair.Create("apn", DBusValue.String(request.Apn)),
            KeyValuePair.Create("ip-type", DBusValue.UInt32(ModemManagerNumbers.IpFamily(request.IpType))),
            KeyValuePair.Create("allowed-auth", DBusValue.UInt32(ModemManagerNumbers.AllowedAuth(request.Authentication))),
            KeyValuePair.Create("allow-roaming", DBusValue.Boolean(request.AllowRoaming)),
        };
        if (request.User is { } user)
        {
            entries.Add(KeyValuePair.Create("user", DBusValue.String(user)));
        }
        return DBusValue.StringVariantDictionary(entries);
    }

    /// <summary>
    /// Keys libmm-glib adds with their "unset" values (mmcli sends profile-id -1 on every connect):
    /// taken when they carry that value, refused otherwise. Numbers from ModemManager-enums.h:
    /// MM_3GPP_PROFILE_ID_UNKNOWN -1, MMBearerMultiplexSupport unknown 0 / none 1, MMModemCdmaRmProtocol
    /// unknown 0, MMBearerApnType none 0 / default 1 &lt;&lt; 1, MMBearerAccessTypePreference none 0, MMBearerRoamingAllowance none 0.
    /// </summary>
    private static readonly Dictionary<string, Func<DBusValue, bool>> DefaultOnly = new(StringComparer.Ordinal)
    {
        ["profile-id"] = v => v is Int32Value { Value: -1 },
        ["multiplex"] = v => v is UInt32Value { Value: 0 or 1 },
        ["rm-protocol"] = v => v is UInt32Value { Value: 0 },
        ["apn-type"] = v => v is UInt32Value { Value: 0 or 1 << 1 },
        ["access-type-preference"] = v => v is UInt32Value { Value: 0 },
        ["roaming-allowance"] = v => v is UInt32Value { Value: 0 },
        ["number"] = v => v is StringValue { Value.Length: 0 },
        ["profile-name"] = v => v is StringValue { Value.Length: 0 },
    };

    private static string Show(DBusValue value) => value switch
    {
        StringValue text => $"'{ProfileValidation.Printable(text.Value)}'",
        Int32Value number => number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        UInt32Value number => number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => $"({value.Signature})",
    };

    private static IEnumerable<(string Key, DBusValue Value)> Entries(DBusValue dictionary) =>
        ((ArrayValue)dictionary).Items.Cast<DictEntryValue>().Select(e => (((StringValue)e.Key).Value, ((VariantValue)e.Value).Value));

    private static string Text(string key, DBusValue value)
    {
        if (value is not StringValue text)
        {
            throw Invalid($"{key} must be a string (s), not '{value.Signature}'");
        }
        if (text.Value.Length > MaxLength)
        {
            throw Invalid($"{key} is {text.Value.Length} characters long; at most {MaxLength} are taken");
        }
        if (text.Value.Any(char.IsControl))
        {
            throw Invalid($"{key} contains a control character (CR, LF, tab, ...); remove it");
        }
        return text.Value;
    }

    private static uint Number(string key, DBusValue value) =>
        value is UInt32Value number ? number.Value : throw Invalid($"{key} must be an unsigned 32-bit number (u), not '{value.Signature}'");

    private static bool Flag(string key, DBusValue value) =>
        value is BooleanValue flag ? flag.Value : throw Invalid($"{key} must be a boolean (b), not '{value.Signature}'");

    private static DBusErrorException Invalid(string message) => new(DBusErrorNames.InvalidArgs, message);
}
