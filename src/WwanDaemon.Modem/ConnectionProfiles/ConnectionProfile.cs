using System.Text.Json.Serialization;

namespace WwanDaemon.Modem.ConnectionProfiles;

/// <summary>Which IP families a data session asks for.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<IpFamily>))]
public enum IpFamily
{
    [JsonStringEnumMemberName("ipv4")]
    Ipv4,
    [JsonStringEnumMemberName("ipv6")]
    Ipv6,
    [JsonStringEnumMemberName("ipv4v6")]
    Ipv4v6,
}

/// <summary>How the modem authenticates to the APN.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ApnAuthentication>))]
public enum ApnAuthentication
{
    [JsonStringEnumMemberName("none")]
    None,
    [JsonStringEnumMemberName("pap")]
    Pap,
    [JsonStringEnumMemberName("chap")]
    Chap,
}

/// <summary>
/// What a modem connects with: APN, IP family, authentication, the SIM PIN and whether roaming is
/// allowed. A profile applies to the modem whose IMEI or ICCID it names, or to every modem when it
/// names neither (the default profile).
/// </summary>
public sealed record ConnectionProfile
{
    /// <summary>A name for people and for `wwanctl` ("default", "work-sim").</summary>
    public string Name { get; init; } = "default";

    public string Apn { get; init; } = "internet";

    public IpFamily IpType { get; init; } = IpFamily.Ipv4;

    public ApnAuthentication Authentication { get; init; } = ApnAuthentication.None;

    public string? User { get; init; }

    public string? Password { get; init; }

    /// <summary>The SIM PIN, sent when the SIM asks for it; null to leave a PIN-locked SIM locked.</summary>
    public string? Pin { get; init; }

    public bool AllowRoaming { get; init; }

    /// <summary>When set, the profile applies only to the modem with this IMEI.</summary>
    public string? Imei { get; init; }

    /// <summary>When set, the profile applies only to the SIM with this ICCID.</summary>
    public string? Iccid { get; init; }

    /// <summary>Connect on its own once registered (at boot, after a reset).</summary>
    public bool AutoConnect { get; init; } = true;
}
