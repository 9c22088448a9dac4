using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.Qmi.Qv;

namespace WwanDaemon.Simulator.Qmi;

/// <summary>NAS (service 3) as the simulated modem answers it; names and enum values as in data/qmi/nas.json.</summary>
internal static class QmiNasFace
{
    private const int Lte = 8;          // NasRadioInterface lte
    private const int ThreeGpp = 2;     // NasNetworkType 3gpp

    public static IEnumerable<KeyValuePair<(string, string), QmiHandler>> Handlers()
    {
        yield return Handle("Register Indications", _ => Qv.Ok());
        yield return Handle("Get Signal Strength", c => Registered(c.Modem)
            ? Qv.Ok(
                F("Signal Strength", Struct(F("Strength", c.Modem.Signal.RssiDbm), F("Radio Interface", Lte))),
                F("RSRQ", Struct(F("RSRQ", (long)Math.Round(c.Modem.Signal.RsrqDb)), F("Radio Interface", Lte))),
                F("LTE SNR", (long)Math.Round(c.Modem.Signal.SnrDb * 10)),
                F("LTE RSRP", c.Modem.Signal.RsrpDbm))
            : Qv.Fail(QmiErrors.NoNetworkFound));
        yield return Handle("Get Signal Info", c => Registered(c.Modem)
            ? Qv.Ok(F("LTE Signal Strength", Struct(
                F("RSSI", c.Modem.Signal.RssiDbm), F("RSRQ", (long)Math.Round(c.Modem.Signal.RsrqDb)),
                F("RSRP", c.Modem.Signal.RsrpDbm), F("SNR", (long)Math.Round(c.Modem.Signal.SnrDb * 10)))))
            : Qv.Ok());
        yield return Handle("Get Serving System", c => Qv.Ok(ServingSystem(c.Modem).ToArray()));
        yield return Handle("Get Home Network", c => c.Modem.Sim.State == SimState.Ready
            ? Qv.Ok(F("Home Network", Struct(F("MCC", int.Parse(c.Modem.Profile.OperatorMcc, System.Globalization.CultureInfo.InvariantCulture)),
                F("MNC", int.Parse(c.Modem.Profile.OperatorMnc, System.Globalization.CultureInfo.InvariantCulture)), F("Description", c.Modem.Profile.OperatorName))))
            : Qv.Fail(QmiErrors.UimUninitialized));
        yield return Handle("Get System Info", c => Qv.Ok(F("LTE Service Status", Struct(
            F("Service Status", Registered(c.Modem) ? 2 : c.Modem.Registration == RegistrationState.Denied ? 1 : 0), // available, limited, none
            F("True Service Status", Registered(c.Modem) ? 2 : 0),
            F("Preferred Data Path", 0)))));
    }

    /// <summary>The TLVs of Get Serving System and of the Serving System indication (same names).</summary>
    internal static IEnumerable<QmiField> ServingSystem(SimulatedModem modem)
    {
        var registration = modem.Registration switch
        {
            RegistrationState.Home or RegistrationState.Roaming => 1,
            RegistrationState.Searching => 2,
            RegistrationState.Denied => 3,
            _ => 0,
        };
        var attached = Registered(modem) ? 1 : 2;
        yield return F("Serving System", Struct(
            F("Registration State", registration), F("CS Attach State", attached), F("PS Attach State", modem.PacketServiceAttached ? 1 : 2),
            F("Selected Network", Registered(modem) ? ThreeGpp : 0),
            F("Radio Interfaces", Array(Registered(modem) ? [Int(Lte)] : []))));
        if (Registered(modem))
        {
            yield return F("Roaming Indicator", modem.Registration == RegistrationState.Roaming ? 0 : 1); // 0 on, 1 off
            var mcc = int.Parse(modem.Profile.OperatorMcc, System.Globalization.CultureInfo.InvariantCulture);
            var mnc = int.Parse(modem.Profile.OperatorMnc, System.Globalization.CultureInfo.InvariantCulture);
            yield return F("Current PLMN", Struct(F("MCC", mcc), F("MNC", mnc), F("Description", modem.Profile.OperatorName)));
        }
    }

    internal static bool Registered(SimulatedModem modem) => modem.Registration is RegistrationState.Home or RegistrationState.Roaming;

    private static KeyValuePair<(string, string), QmiHandler> Handle(string message, QmiHandler handler) => new(("nas", message), handler);
}
