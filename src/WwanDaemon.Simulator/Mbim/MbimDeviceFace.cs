using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.Mbim.MbimFace;
using static WwanDaemon.Simulator.Qmi.Qv;

namespace WwanDaemon.Simulator.Mbim;

/// <summary>
/// Basic connect's device commands: Device Caps, Subscriber Ready Status, Radio State, Device
/// Services and Device Service Subscribe List. Field names and enum values as libmbim declares them
/// (data/mbim-service-basic-connect.json, mbim-enums.h, commit 2f6c6ad).
/// </summary>
internal static class MbimDeviceFace
{
    private const int Embedded = 1, Gsm = 1, NoVoice = 1, RemovableSim = 2;           // MbimDeviceType, MbimCellularClass, MbimVoiceClass, MbimSimClass
    private const int DataClasses = 4 | 8 | 16 | 32;                                   // umts | hsdpa | hsupa | lte
    private const int PduReceiveAndSend = 1 | 2;                                       // MbimSmsCaps
    private const int ManualRegistration = 1;                                          // MbimCtrlCaps reg-manual
    private const int NotInitialized = 0, Initialized = 1, SimNotInserted = 2, BadSim = 3, DeviceLocked = 6; // MbimSubscriberReadyState
    private const int Off = 0, On = 1;                                                 // MbimRadioSwitchState

    public static IEnumerable<KeyValuePair<(string, string, MbimCommandType), MbimHandler>> Handlers()
    {
        yield return Query("Device Caps", c => MbimAnswer.Ok(
            F("DeviceType", Embedded), F("CellularClass", Gsm), F("VoiceClass", NoVoice), F("SimClass", RemovableSim),
            F("DataClass", DataClasses), F("SmsCaps", PduReceiveAndSend), F("ControlCaps", ManualRegistration),
            F("MaxSessions", c.Modem.Profile.MaxSessions), F("CustomDataClass", ""),
            F("DeviceId", c.Modem.Profile.Imei), F("FirmwareInfo", c.Modem.Profile.Revision), F("HardwareInfo", c.Modem.Profile.Model)));
        yield return Query("Subscriber Ready Status", c => MbimAnswer.Ok([.. SubscriberReadyStatus(c.Modem)]));
        yield return Query("Radio State", c => MbimAnswer.Ok([.. RadioState(c.Modem)]));
        yield return Set("Radio State", SetRadioState);
        yield return Query("Device Services", DeviceServices);
        yield return Set("Device Service Subscribe List", Subscribe);
    }

    /// <summary>The Subscriber Ready Status response and notification (the IMSI only once the SIM is unlocked).</summary>
    internal static IReadOnlyList<QmiField> SubscriberReadyStatus(SimulatedModem modem)
    {
        var sim = modem.Sim;
        var state = sim.State switch
        {
            SimState.Ready => Initialized,
            SimState.PinRequired or SimState.PukRequired => DeviceLocked,
            SimState.Absent => SimNotInserted,
            SimState.Blocked => BadSim,
            _ => NotInitialized,
        };
        return
        [
            F("ReadyState", state),
            F("SubscriberId", sim.State == SimState.Ready ? sim.Imsi : ""),
            F("SimIccId", sim.State == SimState.Absent ? "" : sim.Iccid),
            F("ReadyInfo", 0),
            F("TelephoneNumbersCount", 0),
            F("TelephoneNumbers", Array([])),
        ];
    }

    /// <summary>The hardware switch is always on in the simulator; the software state is the operating mode.</summary>
    internal static IReadOnlyList<QmiField> RadioState(SimulatedModem modem) =>
        [F("HwRadioState", On), F("SwRadioState", modem.Mode == OperatingMode.Online ? On : Off)];

    /// <summary>
    /// Radio on is refused while the FCC lock holds (seed 003: the EM7355 stays in low power until
    /// QMI DMS Set FCC Authentication); the refusal is the generic Failure status.
    /// </summary>
    private static MbimAnswer SetRadioState(MbimRequestContext context)
    {
        var wanted = Integer(context, "RadioState");
        if (wanted is not (Off or On))
        {
            return MbimAnswer.Fail(MbimStatus.InvalidParameters);
        }
        var refusal = context.Modem.SetOperatingMode(wanted == On ? OperatingMode.Online : OperatingMode.LowPower);
        return refusal is null ? MbimAnswer.Ok([.. RadioState(context.Modem)]) : MbimAnswer.Fail(MbimStatus.Failure);
    }

    /// <summary>Every service the simulator answers, with the CIDs it answers (no device service streams).</summary>
    private static MbimAnswer DeviceServices(MbimRequestContext context)
    {
        var services = new List<QmiValue>();
        foreach (var service in new[] { SimulatedMbimPort.BasicConnectServiceName, "qmi" })
        {
            var (uuid, _) = context.Port.Declarations.Find(service, service == "qmi" ? "Msg" : "Device Caps");
            var cids = service == "qmi" ? [1u] : context.Port.AnsweredCids(service).ToArray();
            services.Add(Struct(
                F("DeviceServiceId", uuid.ToString("D")), F("DssPayload", 0), F("MaxDssInstances", 0),
                F("CidsCount", cids.Length), F("Cids", Array(cids.Select(cid => (QmiValue)Int(cid))))));
        }
        return MbimAnswer.Ok(F("DeviceServicesCount", services.Count), F("MaxDssSessions", 0), F("DeviceServices", Array(services)));
    }

    /// <summary>Replaces the host's subscriptions and echoes them.</summary>
    private static MbimAnswer Subscribe(MbimRequestContext context)
    {
        var events = context.Request["Events"]?.AsArray() ?? [];
        context.Port.Subscribe(events.Select(e => (
            Guid.Parse(e.AsStruct()["DeviceServiceId"].AsString()),
            (IReadOnlyList<uint>)e.AsStruct()["Cids"].AsArray().Select(cid => (uint)cid.AsInteger()).ToArray())));
        return MbimAnswer.Ok(F("EventsCount", events.Count), F("Events", Array(events)));
    }
}
