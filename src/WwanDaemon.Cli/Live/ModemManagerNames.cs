using WwanDaemon.BusApi;

namespace WwanDaemon.Cli.Live;

/// <summary>
/// ModemManager's D-Bus names and the words for its enum numbers (ModemManager-enums.h, 1.20), as
/// mmcli prints them.
/// </summary>
public static class ModemManagerNames
{
    // The names the daemon exports are defined once, in BusApi.BusNames.
    public const string OwnBusName = BusNames.Own;
    public const string OwnManagerInterface = BusNames.OwnManagerInterface;
    public const string OwnModemInterface = BusNames.OwnModemInterface;
    public const string ManagerPath = BusNames.ManagerPath;
    public const string ModemPathPrefix = BusNames.ModemPathPrefix;
    public const string ModemInterface = BusNames.ModemInterface;
    public const string Modem3gpp = BusNames.Modem3gppInterface;
    public const string Simple = BusNames.SimpleInterface;
    public const string Sim = BusNames.SimInterface;
    public const string Bearer = BusNames.BearerInterface;
    public const string Properties = DBus.Server.DBusStandardInterfaces.Properties;
    public const string ObjectManager = DBus.Server.DBusStandardInterfaces.ObjectManager;

    /// <summary>MMModemState, -1..11.</summary>
    public static readonly IReadOnlyList<(int Number, string Name)> States =
    [
        (-1, "failed"), (0, "unknown"), (1, "initializing"), (2, "locked"), (3, "disabled"), (4, "disabling"), (5, "enabling"),
        (6, "enabled"), (7, "searching"), (8, "registered"), (9, "disconnecting"), (10, "connecting"), (11, "connected"),
    ];

    public static string State(long? state) => state is null ? "unknown" : States.FirstOrDefault(s => s.Number == state).Name ?? $"state {state}";

    public static int? StateNumber(string name) => States.Where(s => s.Name == name).Select(s => (int?)s.Number).FirstOrDefault();

    /// <summary>MMModemStateChangeReason.</summary>
    public static string ChangeReason(long? reason) => reason switch
    {
        1 => "user-requested",
        2 => "suspend",
        3 => "failure",
        _ => "unknown",
    };

    /// <summary>MMModemStateFailedReason.</summary>
    public static string? FailedReason(long? reason) => reason switch
    {
        null or 0 => null,
        2 => "sim-missing",
        3 => "sim-error",
        4 => "unknown-capabilities",
        5 => "esim-without-profiles",
        _ => "unknown",
    };

    /// <summary>MMModemLock.</summary>
    public static string Lock(long? value) => value switch
    {
        null or 0 => "unknown",
        1 => "none",
        2 => "sim-pin",
        3 => "sim-pin2",
        4 => "sim-puk",
        5 => "sim-puk2",
        6 => "ph-sp-pin",
        7 => "ph-sp-puk",
        8 => "ph-net-pin",
        9 => "ph-net-puk",
        10 => "ph-sim-pin",
        11 => "ph-corp-pin",
        12 => "ph-corp-puk",
        13 => "ph-fsim-pin",
        14 => "ph-fsim-puk",
        15 => "ph-netsub-pin",
        16 => "ph-netsub-puk",
        _ => $"lock {value}",
    };

    public const uint LockSimPin = 2;
    public const uint LockSimPuk = 4;

    /// <summary>MMModem3gppRegistrationState.</summary>
    public static string Registration(long? value) => value switch
    {
        0 => "idle",
        1 => "home",
        2 => "searching",
        3 => "denied",
        5 => "roaming",
        6 => "home-sms-only",
        7 => "roaming-sms-only",
        8 => "emergency-only",
        9 => "home-csfb-not-preferred",
        10 => "roaming-csfb-not-preferred",
        11 => "attached-rlos",
        _ => "unknown",
    };

    private static readonly string[] AccessTechnologyBits =
    [
        "pots", "gsm", "gsm-compact", "gprs", "edge", "umts", "hsdpa", "hsupa", "hspa", "hspa-plus",
        "1xrtt", "evdo0", "evdoa", "evdob", "lte", "5gnr", "lte-cat-m", "lte-nb-iot",
    ];

    /// <summary>MMModemAccessTechnology flags, e.g. "lte" or "umts, hsdpa".</summary>
    public static string AccessTechnologies(long? value)
    {
        if (value is null or 0)
        {
            return "unknown";
        }
        var names = AccessTechnologyBits.Where((_, bit) => (value.Value & (1L << bit)) != 0).ToArray();
        return names.Length == 0 ? $"0x{value:x}" : string.Join(", ", names);
    }

    /// <summary>MMModemPortType.</summary>
    public static string PortType(long? value) => value switch
    {
        2 => "net",
        3 => "at",
        4 => "qcdm",
        5 => "gps",
        6 => "qmi",
        7 => "mbim",
        8 => "audio",
        9 => "ignored",
        _ => "unknown",
    };

    /// <summary>MMBearerIpMethod.</summary>
    public static string IpMethod(long? value) => value switch
    {
        1 => "ppp",
        2 => "static",
        3 => "dhcp",
        _ => "unknown",
    };

    /// <summary>MMBearerIpFamily values for --ip-type.</summary>
    public static uint? IpFamily(string name) => name switch
    {
        "ipv4" => 1u,
        "ipv6" => 2u,
        "ipv4v6" => 4u,
        _ => null,
    };

    private static readonly string[] AuthBits = ["none", "pap", "chap", "mschap", "mschapv2", "eap"];

    /// <summary>MMBearerAllowedAuth flags for --auth ("pap,chap"); null when a name is unknown.</summary>
    public static uint? AllowedAuth(string names)
    {
        uint flags = 0;
        foreach (var name in names.Split(','))
        {
            var bit = Array.IndexOf(AuthBits, name);
            if (bit < 0)
            {
                return null;
            }
            flags |= 1u << bit;
        }
        return flags;
    }
}
