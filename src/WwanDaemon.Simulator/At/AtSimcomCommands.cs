using System.Globalization;
using WwanDaemon.At.Lines;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.At.AtRequestKind;

namespace WwanDaemon.Simulator.At;

/// <summary>
/// SIMCom SIM7500/SIM7600 vendor commands (SIM7500_SIM7600 Series AT Command Manual, Version 1.12,
/// 2019-10-25: §4.23 the USB composition switch +CUSBPIDSWITCH, §4.13 the reboot +CRESET, §4.9 the
/// +AUTOCSQ signal report, §4.6 the +SPIC retry counters), +CICCID, and the RmNet data call
/// $QCRMCALL used on the RNDIS/ECM compositions (no manual section located for it; see
/// tests/fixtures/at-replies/README.md).
/// Quectel's AT+QCFG is not here: seed 000's firmware answers it ERROR, as any unknown command.
/// </summary>
internal static class AtSimcomCommands
{
    /// <summary>
    /// The AT+CUSBPIDSWITCH=? answer of a SIM7600G-H (tests/fixtures/at-replies/vendor-usb-and-data-calls.json,
    /// "cusbpidswitch.test"), the same list the manual prints in §4.23. The simulator can only become
    /// the compositions in Modem/Compositions.
    /// </summary>
    private const string PidChoices = "+CUSBPIDSWITCH: (9000,9001,9002,9003,9004,9005,9006,9007,9011,9016,9018,9019,901A,901B,9020,9021,9022,9023,9024,9025,9026,9027,9028,9029,902A,902B),(0-1),(0-1)";

    public static void AddTo(AtCommandTable table) => table
        .Add("+CUSBPIDSWITCH", (c, _) => c.Modem.UsbProductId is { } pid ? AtReply.Ok(string.Create(CultureInfo.InvariantCulture, $"+CUSBPIDSWITCH: {pid:X4}")) : AtReply.Error, Read)
        .Add("+CUSBPIDSWITCH", (_, _) => AtReply.Ok(PidChoices), Test)
        .Add("+CUSBPIDSWITCH", SwitchComposition, Set)
        .Add("+CRESET", (c, _) => AtReply.Ok() with { After = c.Modem.Reenumerate }, Execute)
        .Add("$QCRMCALL", DataCall, Set)
        .Add("$QCRMCALL", (c, _) => AtReply.Ok([.. CallLines(c.Modem)]), Read)
        .Add("$QCRMCALL", (_, _) => AtReply.Ok("$QCRMCALL: (0-1),(1-2),(1-3),(1-2),(1-24),(1-24)"), Test)
        .Add("+AUTOCSQ", SetSignalReporting, Set)
        .Add("+AUTOCSQ", (c, _) => AtReply.Ok($"+AUTOCSQ: {(c.Session.SignalReporting ? 1 : 0)},1"), Read)
        .Add("+CICCID", (c, _) => AtIdentityCommands.SimRequired(c.Modem, unlocked: false) ?? AtReply.Ok("+ICCID: " + c.Modem.Sim.Iccid), Execute)
        .Add("+SPIC", (c, _) => AtReply.Ok($"+SPIC: {c.Modem.Sim.PinRetries},{c.Modem.Sim.PukRetries},{SimCard.DefaultPinRetries},{SimCard.DefaultPukRetries}"), Execute);

    /// <summary>
    /// AT+CUSBPIDSWITCH=&lt;pid&gt;,&lt;reserve&gt;,&lt;reset&gt; with &lt;pid&gt; in hexadecimal: OK, and with
    /// &lt;reset&gt; 1 the module reboots at once into the new composition (seed 000's "=9003,1,1", the
    /// knowledge base's "=9001,1,1"); with 0 the switch waits for the next AT+CRESET.
    /// </summary>
    private static AtReply SwitchComposition(AtContext context, AtRequest request)
    {
        if (request.Argument(0) is not { Length: 4 } text
            || !ushort.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var pid)
            || request.Number(1, 1) is not (0 or 1) || request.Number(2, 0) is not ({ } reset and (0 or 1)))
        {
            return AtReply.Cme(CmeErrors.OperationNotSupported);
        }
        if (context.Modem.StoreUsbComposition(pid) is not null)
        {
            // A PID of the firmware's list whose interfaces the simulator does not know.
            return AtReply.Cme(CmeErrors.OperationNotSupported);
        }
        return reset == 1 ? AtReply.Ok() with { After = context.Modem.Reenumerate } : AtReply.Ok();
    }

    /// <summary>
    /// AT$QCRMCALL=&lt;action&gt;,&lt;instance&gt;[,&lt;IP type&gt;[,&lt;Act&gt;[,&lt;umts_profile&gt;]]]: action 1 starts
    /// the call on context &lt;umts_profile&gt; (default 1) for IP type 1 (IPv4, default), 2 (IPv6) or 3
    /// (both) and answers "$QCRMCALL: 1,V4" per family that is up, then OK; action 0 ends it.
    /// </summary>
    private static AtReply DataCall(AtContext context, AtRequest request)
    {
        var action = request.Number(0);
        var family = request.Number(2, 1);
        var cid = request.Number(4, 1);
        if (action is not (0 or 1) || request.Number(1) is null || family is not (1 or 2 or 3) || cid is null)
        {
            return AtReply.Cme(CmeErrors.OperationNotSupported);
        }
        if (action == 0)
        {
            context.Modem.DeactivatePdpContext(cid.Value);
            return AtReply.Ok();
        }
        if (context.Modem.PdpContextSession(cid.Value) is null)
        {
            if (context.Modem.Registration is not (RegistrationState.Home or RegistrationState.Roaming))
            {
                return AtReply.Cme(CmeErrors.NoNetworkService);
            }
            if (!context.Modem.PdpContexts.Any(p => p.Cid == cid))
            {
                return AtReply.Cme(CmeErrors.OperationNotAllowed);
            }
            var (session, _) = context.Modem.ActivatePdpContext(cid.Value, family switch { 1 => 4, 2 => 6, _ => 0 });
            if (session is null)
            {
                return AtReply.Cme(AtPacketDataCommands.ServiceOptionNotSubscribed);
            }
        }
        return AtReply.Ok([.. CallLines(context.Modem)]);
    }

    private static IEnumerable<string> CallLines(SimulatedModem modem)
    {
        foreach (var context in modem.PdpContexts)
        {
            if (modem.PdpContextSession(context.Cid) is { } session)
            {
                if (session.Ipv4 is not null)
                {
                    yield return "$QCRMCALL: 1,V4";
                }
                if (session.Ipv6 is not null)
                {
                    yield return "$QCRMCALL: 1,V6";
                }
            }
        }
    }

    /// <summary>
    /// AT+AUTOCSQ=&lt;auto&gt;[,&lt;mode&gt;] (SIM7500/SIM7600 Series AT Command Manual §4.9 "Set CSQ report":
    /// the module reports "+CSQ: &lt;rssi&gt;,&lt;ber&gt;" every five seconds, mode 0, or only after &lt;rssi&gt; or
    /// &lt;ber&gt; changed, mode 1). &lt;auto&gt; 1 turns the report on; only mode 1 is simulated (a timed
    /// report would make tests wait on a clock).
    /// </summary>
    private static AtReply SetSignalReporting(AtContext context, AtRequest request) => (request.Number(0), request.Number(1, 1)) switch
    {
        (0, _) => AtBasicCommands.Apply(() => context.Session.SignalReporting = false),
        (1, 1) => AtBasicCommands.Apply(() =>
        {
            context.Session.SignalReporting = true;
            context.Session.LastReportedSignal = AtNetworkCommands.Csq(context.Modem);
        }),
        _ => AtReply.Cme(CmeErrors.OperationNotSupported),
    };
}
