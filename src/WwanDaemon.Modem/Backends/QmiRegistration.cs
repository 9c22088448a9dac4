using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Modem.Backends;

/// <summary>NAS Get Serving System (and its indication) → <see cref="NetworkStatus"/>. Pure.</summary>
public static class QmiRegistration
{
    /// <summary>
    /// NasRegistrationState: 0 not-registered, 1 registered, 2 not-registered-searching, 3 registration-denied,
    /// 4 unknown; "Roaming Indicator" 0 = roaming on (libqmi qmi-enums-nas.h).
    /// </summary>
    public static NetworkStatus From(QmiDecodedMessage serving)
    {
        var system = serving["Serving System"] as QmiStruct;
        var state = system?["Registration State"].AsInteger();
        var roaming = serving["Roaming Indicator"]?.AsInteger() == 0;
        var registration = state switch
        {
            0 => Registration.Idle,
            1 => roaming ? Registration.Roaming : Registration.Home,
            2 => Registration.Searching,
            3 => Registration.Denied,
            _ => Registration.Unknown,
        };
        string? code = null, name = null;
        if (serving["Current PLMN"] is QmiStruct plmn)
        {
            var mnc = plmn["MNC"].AsInteger();
            code = $"{plmn["MCC"].AsInteger():D3}{mnc:D2}";
            name = plmn["Description"] is QmiString description && description.Value.Length > 0 ? description.Value : null;
        }
        return new NetworkStatus(registration, code, name, null) { AccessTechnology = Technology(system) };
    }

    /// <summary>
    /// The best of the serving system's "Radio Interfaces" (NasRadioInterface, libqmi qmi-enums-nas.h:
    /// 4 gsm, 5 umts, 8 lte, 9 td-scdma, 12 5gnr; CDMA/AMPS have no place in <see cref="Fleet.AccessTechnology"/>).
    /// </summary>
    public static Fleet.AccessTechnology Technology(QmiStruct? system)
    {
        if (system?["Radio Interfaces"] is not QmiArray interfaces)
        {
            return Fleet.AccessTechnology.Unknown;
        }
        var technologies = interfaces.Items.Select(i => i.AsInteger() switch
        {
            12 => Fleet.AccessTechnology.Nr5g,
            8 => Fleet.AccessTechnology.Lte,
            5 or 9 => Fleet.AccessTechnology.Umts,
            4 => Fleet.AccessTechnology.Gsm,
            _ => Fleet.AccessTechnology.Unknown,
        });
        return technologies.DefaultIfEmpty(Fleet.AccessTechnology.Unknown).Max();
    }
}

/// <summary>RSSI → 0–100 %, the scale ModemManager reports (−113 dBm = 0 %, −51 dBm = 100 %).</summary>
public static class SignalQuality
{
    public static int FromRssi(int dbm) => Math.Clamp((int)Math.Round((dbm + 113) * 100.0 / 62), 0, 100);
}
