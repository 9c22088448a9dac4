namespace WwanDaemon.At.Parsers;

/// <summary>&lt;AcT&gt; of 3GPP TS 27.007 §7.3 / §7.2 (values 0-13 as of Release 17).</summary>
public enum AccessTechnology
{
    Gsm = 0,
    GsmCompact = 1,
    Utran = 2,
    GsmEgprs = 3,
    UtranHsdpa = 4,
    UtranHsupa = 5,
    UtranHsdpaHsupa = 6,
    Eutran = 7,
    EcGsmIot = 8,
    EutranNbIot = 9,
    EutraConnectedTo5gcn = 10,
    NrConnectedTo5gcn = 11,
    NgRan = 12,
    EutraNrDualConnectivity = 13,
}

/// <summary>&lt;stat&gt; of +CREG/+CGREG/+CEREG/+C5GREG (TS 27.007 §7.2, §10.1.20, §10.1.22, §10.1.42).</summary>
public enum RegistrationStatus
{
    NotRegistered = 0,
    Home = 1,
    Searching = 2,
    Denied = 3,
    Unknown = 4,
    Roaming = 5,
    HomeSmsOnly = 6,
    RoamingSmsOnly = 7,
    EmergencyOnly = 8,
    HomeCsfbNotPreferred = 9,
    RoamingCsfbNotPreferred = 10,
    AttachedForRlos = 11,
}

/// <summary>Which registration command a report came from.</summary>
public enum RegistrationDomain
{
    /// <summary>+CREG: circuit switched.</summary>
    CircuitSwitched,

    /// <summary>+CGREG: GPRS / packet switched (2G/3G).</summary>
    Gprs,

    /// <summary>+CEREG: EPS (LTE).</summary>
    Eps,

    /// <summary>+C5GREG: 5GS.</summary>
    FiveGs,
}

internal static class NetworkValues
{
    public static AccessTechnology? Technology(int? value) =>
        value is >= 0 and <= 13 ? (AccessTechnology)value.Value : null;
}
