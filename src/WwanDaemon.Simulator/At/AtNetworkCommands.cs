using System.Globalization;
using WwanDaemon.At.Lines;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.At.AtRequestKind;

namespace WwanDaemon.Simulator.At;

/// <summary>
/// Radio and network: +CFUN (TS 27.007 §8.2), +CREG/+CGREG/+CEREG (§7.2, §10.1.20, §10.1.22),
/// +COPS (§7.3), +CSQ (§8.5), +CESQ (§8.69). The simulated network is LTE (&lt;AcT&gt; 7).
/// </summary>
internal static class AtNetworkCommands
{
    /// <summary>&lt;AcT&gt; 7, E-UTRAN.</summary>
    public const int Eutran = 7;

    public static void AddTo(AtCommandTable table)
    {
        table
            .Add("+CFUN", (c, _) => AtReply.Ok($"+CFUN: {Functionality(c.Modem.Mode)}"), Read)
            .Add("+CFUN", SetFunctionality, Set)
            .Add("+CFUN", (_, _) => AtReply.Ok("+CFUN: (0,1,4),(0-1)"), Test)
            .Add("+COPS", ReadOperator, Read)
            .Add("+COPS", SetOperator, Set)
            .Add("+COPS", ListOperators, Test)
            .Add("+CSQ", (c, _) => AtReply.Ok(SignalLine(c.Modem)), Execute)
            .Add("+CSQ", (_, _) => AtReply.Ok("+CSQ: (0-31,99),(0-7,99)"), Test)
            .Add("+CESQ", ExtendedSignal, Execute)
            .Add("+CESQ", (_, _) => AtReply.Ok("+CESQ: (0-63,99),(0-7,99),(0-96,255),(0-49,255),(0-34,255),(0-97,255)"), Test);
        foreach (var name in new[] { "+CREG", "+CGREG", "+CEREG" })
        {
            table
                .Add(name, (c, _) => AtReply.Ok(AtRegistration.ReadLine(name, c.Session.RegistrationReporting[name], c.Modem)), Read)
                .Add(name, (c, r) => r.Number(0, 0) is { } n and <= 2 ? AtBasicCommands.Apply(() => EnableReporting(c, name, n)) : AtReply.Cme(CmeErrors.OperationNotSupported), Set)
                .Add(name, (_, _) => AtReply.Ok($"{name}: (0-2)"), Test);
        }
    }

    /// <summary>AT+CREG=&lt;n&gt;: URCs from now on report changes from the current status.</summary>
    private static void EnableReporting(AtContext context, string name, int mode)
    {
        context.Session.RegistrationReporting[name] = mode;
        context.Session.LastReportedStatus[name] = AtRegistration.Status(context.Modem);
    }

    /// <summary>&lt;fun&gt; for a mode: 1 full, 4 radio off (flight mode), 0 minimum (the simulator's "offline").</summary>
    public static int Functionality(OperatingMode mode) => mode switch
    {
        OperatingMode.Online => 1,
        OperatingMode.Offline => 0,
        _ => 4,
    };

    /// <summary>AT+CFUN=&lt;fun&gt;[,&lt;rst&gt;]: 0, 1, 4; &lt;rst&gt; 1 restarts the firmware first. Refused (3) while FCC-locked.</summary>
    private static AtReply SetFunctionality(AtContext context, AtRequest request)
    {
        var mode = request.Number(0) switch
        {
            0 => OperatingMode.Offline,
            1 => OperatingMode.Online,
            4 => OperatingMode.LowPower,
            _ => (OperatingMode?)null,
        };
        var reset = request.Number(1, 0);
        if (mode is null || reset is not (0 or 1))
        {
            return AtReply.Cme(CmeErrors.OperationNotSupported);
        }
        if (reset == 1)
        {
            context.Modem.Reset();
        }
        return context.Modem.SetOperatingMode(mode.Value) is null ? AtReply.Ok() : AtReply.Cme(CmeErrors.OperationNotAllowed);
    }

    /// <summary>"+COPS: 0,&lt;format&gt;,&lt;oper&gt;,7" when registered, "+COPS: 0" when not.</summary>
    private static AtReply ReadOperator(AtContext context, AtRequest request)
    {
        var modem = context.Modem;
        if (AtIdentityCommands.SimRequired(modem, unlocked: true) is { } simError)
        {
            return simError;
        }
        if (modem.Registration is not (RegistrationState.Home or RegistrationState.Roaming))
        {
            return AtReply.Ok("+COPS: 0");
        }
        var format = context.Session.OperatorFormat;
        return AtReply.Ok($"+COPS: 0,{format},\"{OperatorName(modem.Profile, format)}\",{Eutran}");
    }

    /// <summary>AT+COPS=0 (automatic) and AT+COPS=3,&lt;format&gt;; manual selection and deregistration are not simulated.</summary>
    private static AtReply SetOperator(AtContext context, AtRequest request) => request.Number(0) switch
    {
        0 => AtReply.Ok(),
        3 when request.Number(1) is { } format and <= 2 => AtBasicCommands.Apply(() => context.Session.OperatorFormat = format),
        _ => AtReply.Cme(CmeErrors.OperationNotSupported),
    };

    /// <summary>The AT+COPS=? list: the one simulated network, then the supported modes and formats.</summary>
    private static AtReply ListOperators(AtContext context, AtRequest request)
    {
        var profile = context.Modem.Profile;
        var status = context.Modem.Registration is RegistrationState.Home or RegistrationState.Roaming ? 2 : 1;
        return AtReply.Ok($"+COPS: ({status},\"{profile.OperatorName}\",\"{ShortName(profile)}\",\"{profile.OperatorMcc}{profile.OperatorMnc}\",{Eutran}),,(0,1,2,3,4),(0,1,2)");
    }

    private static string OperatorName(ModemProfile profile, int format) => format switch
    {
        0 => profile.OperatorName,
        1 => ShortName(profile),
        _ => profile.OperatorMcc + profile.OperatorMnc,
    };

    private static string ShortName(ModemProfile profile) => profile.OperatorName.Split(' ')[0];

    /// <summary>
    /// "+CSQ: &lt;rssi&gt;,99": RSSI in 2 dB steps from -113 dBm (0) to -51 dBm (31); 99,99 while not
    /// registered (no serving cell to measure).
    /// </summary>
    public static string SignalLine(SimulatedModem modem)
    {
        var (rssi, ber) = Csq(modem);
        return string.Create(CultureInfo.InvariantCulture, $"+CSQ: {rssi},{ber}");
    }

    public static (int Rssi, int Ber) Csq(SimulatedModem modem) =>
        modem.Registration is RegistrationState.Home or RegistrationState.Roaming
            ? (Math.Clamp((modem.Signal.RssiDbm + 113) / 2, 0, 31), 99)
            : (99, 99);

    /// <summary>
    /// "+CESQ: 99,99,255,255,&lt;rsrq&gt;,&lt;rsrp&gt;": only the LTE values are known (GSM and UTRAN say
    /// "not detectable"); RSRQ in 0.5 dB steps from -20 dB (0), RSRP in 1 dB steps from -141 dBm (0).
    /// </summary>
    private static AtReply ExtendedSignal(AtContext context, AtRequest request)
    {
        var modem = context.Modem;
        if (modem.Registration is not (RegistrationState.Home or RegistrationState.Roaming))
        {
            return AtReply.Ok("+CESQ: 99,99,255,255,255,255");
        }
        var rsrq = Math.Clamp((int)Math.Round((modem.Signal.RsrqDb + 20) * 2), 0, 34);
        var rsrp = Math.Clamp(modem.Signal.RsrpDbm + 141, 0, 97);
        return AtReply.Ok(string.Create(CultureInfo.InvariantCulture, $"+CESQ: 99,99,255,255,{rsrq},{rsrp}"));
    }
}
