using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.BusApi;

/// <summary>
/// Our model in ModemManager's numbers (ModemManager-enums.h, ModemManager 1.20.4 as Debian's
/// modemmanager-dev ships it): MMModemLock, MMModem3gppRegistrationState, MMModemAccessTechnology,
/// MMBearerIpFamily, MMBearerAllowedAuth, MMBearerIpMethod, MMModemPowerState, MMModemStateFailedReason.
/// </summary>
public static class ModemManagerNumbers
{
    public const uint LockUnknown = 0;
    public const uint LockNone = 1;
    public const uint LockSimPin = 2;
    public const uint LockSimPuk = 4;

    /// <summary>MM_MODEM_CAPABILITY_GSM_UMTS | MM_MODEM_CAPABILITY_LTE.</summary>
    public const uint CapabilitiesGsmUmtsLte = (1 << 2) | (1 << 3);

    /// <summary>MM_MODEM_MODE_2G | 3G | 4G, and 4G preferred.</summary>
    public const uint Modes2g3g4g = (1 << 1) | (1 << 2) | (1 << 3);
    public const uint Mode4g = 1 << 3;

    /// <summary>MM_BEARER_IP_FAMILY_IPV4 | IPV6 | IPV4V6.</summary>
    public const uint IpFamiliesAll = (1 << 0) | (1 << 1) | (1 << 2);

    public const uint BearerTypeDefault = 1;

    public static uint Lock(SimLock? simLock) => simLock switch
    {
        null => LockUnknown,
        SimLock.PinRequired => LockSimPin,
        SimLock.PukRequired or SimLock.Blocked => LockSimPuk,
        _ => LockNone,
    };

    public static uint Registration(Registration? registration) => registration switch
    {
        Modem.Backends.Registration.Idle => 0,
        Modem.Backends.Registration.Home => 1,
        Modem.Backends.Registration.Searching => 2,
        Modem.Backends.Registration.Denied => 3,
        Modem.Backends.Registration.Roaming => 5,
        _ => 4,
    };

    public static uint AccessTechnologies(AccessTechnology technology) => technology switch
    {
        AccessTechnology.Gsm => 1 << 1,
        AccessTechnology.Umts => 1 << 5,
        AccessTechnology.Lte => 1 << 14,
        AccessTechnology.Nr5g => 1 << 15,
        _ => 0,
    };

    /// <summary>MMModemPowerState: low (2) while the radio is off, on (3) otherwise, unknown (0) for a failed modem.</summary>
    public static uint PowerState(ModemState state) => state switch
    {
        ModemState.Disabled or ModemState.Disabling => 2,
        ModemState.Failed or ModemState.Unknown => 0,
        _ => 3,
    };

    /// <summary>MMModemStateFailedReason: none (0) unless failed; sim-missing (2) when there is no SIM, else unknown (1).</summary>
    public static uint FailedReason(ModemSnapshot modem) =>
        modem.State != ModemState.Failed ? 0u : modem.SimLock == SimLock.Absent ? 2u : 1u;

    public static uint IpFamily(IpFamily family) => family switch
    {
        Modem.ConnectionProfiles.IpFamily.Ipv6 => 1 << 1,
        Modem.ConnectionProfiles.IpFamily.Ipv4v6 => 1 << 2,
        _ => 1 << 0,
    };

    /// <summary>MMBearerIpFamily → ours; null for values we cannot ask a modem for (non-IP, any, combinations).</summary>
    public static IpFamily? IpFamilyFrom(uint value) => value switch
    {
        1 << 0 => Modem.ConnectionProfiles.IpFamily.Ipv4,
        1 << 1 => Modem.ConnectionProfiles.IpFamily.Ipv6,
        1 << 2 => Modem.ConnectionProfiles.IpFamily.Ipv4v6,
        _ => null,
    };

    public static uint AllowedAuth(ApnAuthentication authentication) => authentication switch
    {
        ApnAuthentication.Pap => 1 << 1,
        ApnAuthentication.Chap => 1 << 2,
        _ => 1 << 0,
    };

    /// <summary>MMBearerAllowedAuth → ours; null for methods we cannot send (MSCHAP, EAP, several at once other than PAP|CHAP, which means CHAP).</summary>
    public static ApnAuthentication? AllowedAuthFrom(uint value) => value switch
    {
        0 or 1 << 0 => ApnAuthentication.None,
        1 << 1 => ApnAuthentication.Pap,
        1 << 2 or (1 << 1) | (1 << 2) => ApnAuthentication.Chap,
        _ => null,
    };

    /// <summary>MMBearerIpMethod: static (2) for addresses from QMI/MBIM, dhcp (3) for ECM/RNDIS/NCM leases.</summary>
    public static uint IpMethod(string method) => method == "dhcp" ? 3u : 2u;

    public static uint PortType(ModemPortType type) => (uint)type;
}
