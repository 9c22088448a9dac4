using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.Mbim.MbimFace;
using static WwanDaemon.Simulator.Qmi.Qv;

namespace WwanDaemon.Simulator.Mbim;

/// <summary>
/// Basic connect's network commands: Home Provider, Register State, Signal State and Packet
/// Service, from the modem's registration, signal and packet service (enum values from libmbim's
/// mbim-enums.h, commit 2f6c6ad).
/// </summary>
internal static class MbimNetworkFace
{
    private const int Gsm = 1, Lte = 32;                                            // MbimCellularClass, MbimDataClass
    private const int HomeProvider = 1, RegisteredProvider = 16;                    // MbimProviderState flags
    private const int Deregistered = 1, Searching = 2, Home = 3, Roaming = 4, Denied = 6; // MbimRegisterState
    private const int Automatic = 1;                                               // MbimRegisterMode
    private const int AutomaticAction = 0;                                         // MbimRegisterAction
    private const int AutomaticAttach = 2;                                         // MbimRegistrationFlag packet-service-automatic-attach
    private const int PlmnNotAllowed = 11;                                         // MbimNwError (3GPP TS 24.008 cause 11)
    private const int Attach = 0, Detach = 1;                                      // MbimPacketServiceAction
    private const int Attached = 2, Detached = 4;                                   // MbimPacketServiceState
    private const int Unknown = 99;                                                // Signal State: not known or not detectable
    private const long LteSpeed = 50_000_000, LteDownlinkSpeed = 150_000_000;      // bits/s, as the QMI face's capabilities

    public static IEnumerable<KeyValuePair<(string, string, MbimCommandType), MbimHandler>> Handlers()
    {
        yield return Query("Home Provider", c => c.Modem.Sim.State switch
        {
            SimState.Absent => MbimAnswer.Fail(MbimStatus.SimNotInserted),
            SimState.Ready => MbimAnswer.Ok(F("Provider", Struct(
                F("ProviderId", ProviderId(c.Modem)), F("ProviderState", HomeProvider), F("ProviderName", c.Modem.Profile.OperatorName),
                F("CellularClass", Gsm), F("Rssi", Unknown), F("ErrorRate", Unknown)))),
            _ => MbimAnswer.Fail(MbimStatus.PinRequired),
        });
        yield return Query("Register State", c => MbimAnswer.Ok([.. RegisterState(c.Modem)]));
        yield return Set("Register State", c => Integer(c, "RegisterAction") == AutomaticAction
            ? MbimAnswer.Ok([.. RegisterState(c.Modem)])          // automatic: what the modem does anyway
            : MbimAnswer.Fail(MbimStatus.NoDeviceSupport));        // manual selection is not simulated
        yield return Query("Signal State", c => MbimAnswer.Ok([.. SignalState(c.Modem, c.Port)]));
        yield return Set("Signal State", c =>
        {
            c.Port.SignalReporting = (Integer(c, "SignalStrengthInterval"), Integer(c, "RssiThreshold"), Integer(c, "ErrorRateThreshold"));
            return MbimAnswer.Ok([.. SignalState(c.Modem, c.Port)]);
        });
        yield return Query("Packet Service", c => MbimAnswer.Ok([.. PacketService(c.Modem)]));
        yield return Set("Packet Service", SetPacketService);
    }

    /// <summary>MCC and MNC as one string ("00101"), as MBIM providers are named.</summary>
    private static string ProviderId(SimulatedModem modem) => modem.Profile.OperatorMcc + modem.Profile.OperatorMnc;

    internal static IReadOnlyList<QmiField> RegisterState(SimulatedModem modem)
    {
        var registration = modem.Registration;
        var registered = registration is RegistrationState.Home or RegistrationState.Roaming;
        return
        [
            F("NwError", registration == RegistrationState.Denied ? PlmnNotAllowed : 0),
            F("RegisterState", registration switch
            {
                RegistrationState.Searching => Searching,
                RegistrationState.Home => Home,
                RegistrationState.Roaming => Roaming,
                RegistrationState.Denied => Denied,
                _ => Deregistered,
            }),
            F("RegisterMode", Automatic),
            F("AvailableDataClasses", registered ? Lte : 0),
            F("CurrentCellularClass", Gsm),
            F("ProviderId", registered ? ProviderId(modem) : ""),
            F("ProviderName", registered ? modem.Profile.OperatorName : ""),
            F("RoamingText", registration == RegistrationState.Roaming ? "roaming" : ""),
            F("RegistrationFlag", AutomaticAttach),
        ];
    }

    /// <summary>
    /// MBIM 1.0 §10.5.10: Rssi is a 0..31 code, -113 dBm + 2 dB per step (99 when unknown); the
    /// simulator reports no error rate (99).
    /// </summary>
    internal static IReadOnlyList<QmiField> SignalState(SimulatedModem modem, SimulatedMbimPort port)
    {
        var registered = modem.Registration is RegistrationState.Home or RegistrationState.Roaming;
        var code = registered ? Math.Clamp((modem.Signal.RssiDbm + 113) / 2, 0, 31) : Unknown;
        var (interval, rssiThreshold, errorRateThreshold) = port.SignalReporting;
        return
        [
            F("Rssi", code), F("ErrorRate", Unknown), F("SignalStrengthInterval", interval),
            F("RssiThreshold", rssiThreshold), F("ErrorRateThreshold", errorRateThreshold),
        ];
    }

    internal static IReadOnlyList<QmiField> PacketService(SimulatedModem modem)
    {
        var attached = modem.PacketServiceAttached;
        return
        [
            F("NwError", 0), F("PacketServiceState", attached ? Attached : Detached),
            F("HighestAvailableDataClass", attached ? Lte : 0),
            F("UplinkSpeed", attached ? LteSpeed : 0), F("DownlinkSpeed", attached ? LteDownlinkSpeed : 0),
        ];
    }

    private static MbimAnswer SetPacketService(MbimRequestContext context)
    {
        switch (Integer(context, "PacketServiceAction"))
        {
            case Attach:
                if (context.Modem.Mode != OperatingMode.Online)
                {
                    return MbimAnswer.Fail(MbimStatus.RadioPowerOff);
                }
                return context.Modem.AttachPacketService() is null
                    ? MbimAnswer.Ok([.. PacketService(context.Modem)])
                    : MbimAnswer.Fail(MbimStatus.NotRegistered);
            case Detach:
                context.Modem.DetachPacketService();
                return MbimAnswer.Ok([.. PacketService(context.Modem)]);
            default:
                return MbimAnswer.Fail(MbimStatus.InvalidParameters);
        }
    }
}
