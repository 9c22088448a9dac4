using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Modem.Backends;

/// <summary>MBIM Register State (response or notification) → <see cref="NetworkStatus"/>. Pure.</summary>
public static class MbimRegistration
{
    /// <summary>MbimRegisterState: 0 unknown, 1 deregistered, 2 searching, 3 home, 4 roaming, 5 partner, 6 denied.</summary>
    public static NetworkStatus From(MbimDecodedMessage register)
    {
        var registration = register["RegisterState"]?.AsInteger() switch
        {
            1 => Registration.Idle,
            2 => Registration.Searching,
            3 => Registration.Home,
            4 or 5 => Registration.Roaming,
            6 => Registration.Denied,
            _ => Registration.Unknown,
        };
        var code = register["ProviderId"] is QmiString id && id.Value.Length > 0 ? id.Value : null;
        var name = register["ProviderName"] is QmiString provider && provider.Value.Length > 0 ? provider.Value : null;
        var available = register["AvailableDataClasses"]?.AsInteger() ?? 0;
        return new NetworkStatus(registration, code, name, null) { AccessTechnology = registration is Registration.Home or Registration.Roaming ? Technology(available) : Fleet.AccessTechnology.Unknown };
    }

    /// <summary>
    /// The best of MbimDataClass flags (MBIM 1.0 §10.5.1 and the MBIMEx 5G extension: 0x01 GPRS, 0x02 EDGE,
    /// 0x04 UMTS, 0x08 HSDPA, 0x10 HSUPA, 0x20 LTE, 0x40 5G NSA, 0x80 5G SA); CDMA classes → unknown.
    /// </summary>
    public static Fleet.AccessTechnology Technology(long dataClasses) =>
        (dataClasses & 0xC0) != 0 ? Fleet.AccessTechnology.Nr5g
        : (dataClasses & 0x20) != 0 ? Fleet.AccessTechnology.Lte
        : (dataClasses & 0x1C) != 0 ? Fleet.AccessTechnology.Umts
        : (dataClasses & 0x03) != 0 ? Fleet.AccessTechnology.Gsm
        : Fleet.AccessTechnology.Unknown;
}
