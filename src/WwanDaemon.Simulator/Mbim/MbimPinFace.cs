using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.Mbim.MbimFace;
using static WwanDaemon.Simulator.Qmi.Qv;

namespace WwanDaemon.Simulator.Mbim;

/// <summary>Basic connect's Pin and Pin List, from the modem's SIM (enum values from libmbim's mbim-enums.h, commit 2f6c6ad).</summary>
internal static class MbimPinFace
{
    private const int NoPin = 0, Pin1 = 2, Pin2 = 3, Puk1 = 11; // MbimPinType
    private const int Unlocked = 0, Locked = 1;                  // MbimPinState
    private const int Enter = 0;                                 // MbimPinOperation
    private const int NotSupported = 0, Enabled = 1, Disabled = 2; // MbimPinMode
    private const int UnknownFormat = 0, Numeric = 1;            // MbimPinFormat

    public static IEnumerable<KeyValuePair<(string, string, MbimCommandType), MbimHandler>> Handlers()
    {
        yield return Query("Pin", c => c.Modem.Sim.State == SimState.Absent
            ? MbimAnswer.Fail(MbimStatus.SimNotInserted)
            : MbimAnswer.Ok([.. PinInfo(c.Modem.Sim)]));
        yield return Set("Pin", EnterPin);
        yield return Query("Pin List", c =>
        {
            var pin1 = c.Modem.Profile.Sim.State == SimState.PinRequired ? Enabled : Disabled;
            return MbimAnswer.Ok(
                F("PinDescPin1", Desc(pin1, Numeric, 4, 8)),
                F("PinDescPin2", Desc(Enabled, Numeric, 4, 8)),
                F("PinDescDeviceSimPin", None()), F("PinDescDeviceFirstSimPin", None()),
                F("PinDescNetworkPin", None()), F("PinDescNetworkSubsetPin", None()),
                F("PinDescServiceProviderPin", None()), F("PinDescCorporatePin", None()),
                F("PinDescSubsidyLock", None()), F("PinDescCustom", None()));
        });
    }

    /// <summary>The PIN the SIM waits for (none once unlocked) and its remaining attempts.</summary>
    private static IReadOnlyList<QmiField> PinInfo(SimCard sim) => sim.State switch
    {
        SimState.PinRequired => [F("PinType", Pin1), F("PinState", Locked), F("RemainingAttempts", sim.PinRetries)],
        SimState.PukRequired => [F("PinType", Puk1), F("PinState", Locked), F("RemainingAttempts", sim.PukRetries)],
        SimState.Blocked => [F("PinType", Puk1), F("PinState", Locked), F("RemainingAttempts", 0)],
        _ => [F("PinType", NoPin), F("PinState", Unlocked), F("RemainingAttempts", 0)],
    };

    /// <summary>
    /// Enter PIN1, or PUK1 with a new PIN. A wrong code fails with Failure and still reports the PIN
    /// state and the attempts left (MBIM 1.0 §10.5.7: the response carries MBIM_PIN_INFO).
    /// </summary>
    private static MbimAnswer EnterPin(MbimRequestContext context)
    {
        if (context.Modem.Sim.State == SimState.Absent)
        {
            return MbimAnswer.Fail(MbimStatus.SimNotInserted);
        }
        if (Integer(context, "PinOperation") != Enter)
        {
            return MbimAnswer.Fail(MbimStatus.NoDeviceSupport); // enable, disable and change are not simulated
        }
        var refusal = Integer(context, "PinType") switch
        {
            Pin1 => context.Modem.VerifyPin(Text(context, "Pin")),
            Puk1 => context.Modem.UnblockPin(Text(context, "Pin"), Text(context, "NewPin")),
            _ => new SimulatedModem.Refusal("only PIN1 and PUK1 are simulated"),
        };
        var info = PinInfo(context.Modem.Sim);
        return refusal is null ? MbimAnswer.Ok([.. info]) : MbimAnswer.Fail(MbimStatus.Failure, [.. info]);
    }

    private static QmiStruct Desc(int mode, int format, int min, int max) =>
        Struct(F("PinMode", mode), F("PinFormat", format), F("PinLengthMin", min), F("PinLengthMax", max));

    private static QmiStruct None() => Desc(NotSupported, UnknownFormat, 0, 0);
}
