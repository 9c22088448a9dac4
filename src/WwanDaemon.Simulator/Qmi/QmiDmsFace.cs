using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.Qmi.Qv;

namespace WwanDaemon.Simulator.Qmi;

/// <summary>DMS (service 2) as the simulated modem answers it; TLV names and enum values as in data/qmi/dms.json.</summary>
internal static class QmiDmsFace
{
    public static IEnumerable<KeyValuePair<(string, string), QmiHandler>> Handlers()
    {
        yield return Handle("Get Capabilities", c => Ok(F("Info", Struct(
            F("Max Tx Channel Rate", 50_000_000), F("Max Rx Channel Rate", 150_000_000),
            F("Data Service Capability", 3), // simultaneous-cs-ps
            F("SIM Capability", 2),          // supported
            F("Radio Interface List", Array([Int(5), Int(8)])))))); // umts, lte
        yield return Handle("Get Manufacturer", c => Ok(F("Manufacturer", c.Modem.Profile.Manufacturer)));
        yield return Handle("Get Model", c => Ok(F("Model", c.Modem.Profile.Model)));
        yield return Handle("Get Revision", c => Ok(F("Revision", c.Modem.Profile.Revision)));
        yield return Handle("Get IDs", c => Ok(F("Esn", c.Modem.Profile.Esn), F("Imei", c.Modem.Profile.Imei), F("Meid", c.Modem.Profile.Meid), F("Imei Software Version", "01")));
        yield return Handle("UIM Get PIN Status", PinStatus);
        yield return Handle("UIM Verify PIN", VerifyPin);
        yield return Handle("UIM Get ICCID", c => c.Modem.Sim.State == SimState.Absent
            ? Fail(QmiErrors.UimUninitialized)
            : Ok(F("ICCID", c.Modem.Sim.Iccid)));
        yield return Handle("UIM Get IMSI", c => c.Modem.Sim.State != SimState.Ready
            ? Fail(c.Modem.Sim.State == SimState.Absent ? QmiErrors.UimUninitialized : QmiErrors.PinRestriction)
            : Ok(F("IMSI", c.Modem.Sim.Imsi)));
        yield return Handle("Get Operating Mode", c => Ok(F("Mode", (long)c.Modem.Mode), F("Hardware Restricted Mode", 0)));
        yield return Handle("Set Operating Mode", SetOperatingMode);
        yield return Handle("Set FCC Authentication", c =>
        {
            c.Modem.AuthenticateFcc();
            return Ok();
        });
    }

    /// <summary>DmsUimPinStatus: 1 enabled-not-verified, 2 enabled-verified, 4 blocked, 5 permanently-blocked.</summary>
    private static (QmiResult, IReadOnlyList<QmiField>) PinStatus(QmiRequestContext context)
    {
        var sim = context.Modem.Sim;
        if (sim.State == SimState.Absent)
        {
            return Fail(QmiErrors.UimUninitialized);
        }
        var status = sim.State switch
        {
            SimState.PinRequired => 1,
            SimState.PukRequired => 4,
            SimState.Blocked => 5,
            _ => context.Modem.Profile.Sim.State == SimState.PinRequired ? 2 : 3, // verified, or PIN disabled
        };
        return Ok(
            F("PIN1 Status", Struct(F("Current Status", status), F("Verify Retries Left", sim.PinRetries), F("Unblock Retries Left", sim.PukRetries))),
            F("PIN2 Status", Struct(F("Current Status", 1), F("Verify Retries Left", 3), F("Unblock Retries Left", 10))));
    }

    private static (QmiResult, IReadOnlyList<QmiField>) VerifyPin(QmiRequestContext context)
    {
        if (context.Request["Info"] is not QmiStruct info || info["Pin ID"].AsInteger() != 1)
        {
            return Fail(QmiErrors.InvalidArgument);
        }
        var refusal = context.Modem.VerifyPin(info["PIN"].AsString());
        var retries = F("Pin Retries Status", Struct(F("Verify Retries Left", context.Modem.Sim.PinRetries), F("Unblock Retries Left", context.Modem.Sim.PukRetries)));
        if (refusal is null)
        {
            return Ok();
        }
        var error = context.Modem.Sim.State == SimState.PinRequired ? QmiErrors.IncorrectPin : context.Modem.Sim.State == SimState.PukRequired ? QmiErrors.PinBlocked : QmiErrors.NoEffect;
        return (QmiResult.Failure(error), [retries]);
    }

    /// <summary>An FCC-locked radio refuses to go online with InvalidTransition, which ModemManager reads as the FCC lock.</summary>
    private static (QmiResult, IReadOnlyList<QmiField>) SetOperatingMode(QmiRequestContext context)
    {
        var mode = context.Request["Mode"]?.AsInteger();
        if (mode is null || !Enum.IsDefined(typeof(OperatingMode), (int)mode.Value))
        {
            return Fail(QmiErrors.InvalidArgument);
        }
        return context.Modem.SetOperatingMode((OperatingMode)mode.Value) is null ? Ok() : Fail(QmiErrors.InvalidTransition);
    }

    private static KeyValuePair<(string, string), QmiHandler> Handle(string message, QmiHandler handler) => new(("dms", message), handler);
}
