using System.Globalization;
using WwanDaemon.At.Lines;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.At.AtRequestKind;

namespace WwanDaemon.Simulator.At;

/// <summary>
/// Huawei's NDIS data call on the ECM/NCM compositions (<c>huawei</c>):
/// <list type="bullet">
/// <item>AT^NDISDUP=&lt;cid&gt;,&lt;connect&gt;[,"&lt;APN&gt;"[,...]]: 1 starts the call on the context (using the
/// APN when given), 0 ends it; the forms ModemManager's Huawei bearer (mm-broadband-bearer-huawei.c)
/// sends, "AT^NDISDUP=1,1,\"apn\"" and "AT^NDISDUP=1,0".</item>
/// <item>AT^NDISSTATQRY? → "^NDISSTATQRY: &lt;stat&gt;,,,"IPV4"" and the URC "^NDISSTAT: 0,,,"IPV4"" when the
/// network ends the call: the "&lt;stat&gt;,[&lt;err&gt;],[&lt;wx_state&gt;],&lt;PDP_type&gt;" groups of ModemManager's
/// Huawei test replies (WwanDaemon.At.Parsers.DataCallParsers.ParseHuaweiNdisState).</item>
/// <item>AT^CPIN? → "^CPIN: &lt;code&gt;,[&lt;times&gt;],&lt;puk_times&gt;,&lt;pin_times&gt;,&lt;puk2_times&gt;,&lt;pin2_times&gt;"
/// (Huawei MU609/ME909 AT Command Interface Specification, "^CPIN", as SimParsers.ParseHuaweiCpin reads it).</item>
/// </list>
/// Only IPv4 calls are simulated. ^ICCID is not: the host falls back to AT+CCID.
/// </summary>
internal static class AtHuaweiCommands
{
    public static void AddTo(AtCommandTable table) => table
        .Add("^NDISDUP", DialUp, Set)
        .Add("^NDISSTATQRY", (c, _) => AtReply.Ok(StateLine("^NDISSTATQRY", IsUp(c.Modem))), Read)
        .Add("^CPIN", ReadPinCounters, Read)
        .WithUnsolicited(CallEnded);

    /// <summary>The context the last ^NDISDUP=&lt;cid&gt;,1 started, per modem (the firmware's call), and whether it was up when last looked at.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SimulatedModem, Call> Calls = [];

    private sealed class Call
    {
        public int Cid { get; set; }

        public bool ReportedUp { get; set; }
    }

    private static AtReply DialUp(AtContext context, AtRequest request)
    {
        var (cid, connect) = (request.Number(0), request.Number(1));
        if (cid is not (>= 1 and <= SimulatedModem.MaxCid) || connect is not (0 or 1))
        {
            return AtReply.Cme(CmeErrors.OperationNotSupported);
        }
        var call = Calls.GetOrCreateValue(context.Modem);
        if (connect == 0)
        {
            call.ReportedUp = false;
            context.Modem.DeactivatePdpContext(cid.Value);
            return AtReply.Ok();
        }
        if (request.Argument(2) is { } apn && context.Modem.PdpContextSession(cid.Value) is null)
        {
            var type = context.Modem.PdpContexts.FirstOrDefault(p => p.Cid == cid)?.PdpType ?? "IP";
            if (context.Modem.DefinePdpContext(new PdpContextDefinition(cid.Value, type, apn)) is not null)
            {
                return AtReply.Cme(CmeErrors.OperationNotAllowed);
            }
        }
        if (AtPacketDataCommands.ActivationError(context.Modem, cid.Value) is { } error)
        {
            return error;
        }
        call.Cid = cid.Value;
        call.ReportedUp = true;
        return AtReply.Ok();
    }

    private static bool IsUp(SimulatedModem modem) =>
        Calls.TryGetValue(modem, out var call) && call.Cid > 0 && modem.PdpContextSession(call.Cid) is not null;

    private static string StateLine(string prefix, bool up) => $"{prefix}: {(up ? 1 : 0)},,,\"IPV4\"";

    /// <summary>"^NDISSTAT: 0,,,"IPV4"" once, when a call that was up is gone (the network ended it, deregistration).</summary>
    private static IEnumerable<string> CallEnded(SimulatedModem modem, string what)
    {
        if (what != "session" || !Calls.TryGetValue(modem, out var call) || !call.ReportedUp || IsUp(modem))
        {
            return [];
        }
        call.ReportedUp = false;
        return [StateLine("^NDISSTAT", up: false)];
    }

    private static AtReply ReadPinCounters(AtContext context, AtRequest request)
    {
        var sim = context.Modem.Sim;
        var code = sim.State switch
        {
            SimState.PinRequired => "SIM PIN",
            SimState.PukRequired => "SIM PUK",
            SimState.Ready => "READY",
            _ => null,
        };
        if (code is null)
        {
            return AtReply.Cme(CmeErrors.SimNotInserted);
        }
        var times = sim.State == SimState.PukRequired ? sim.PukRetries : sim.PinRetries;
        return AtReply.Ok(string.Create(CultureInfo.InvariantCulture,
            $"^CPIN: {code},{times},{sim.PukRetries},{sim.PinRetries},{SimCard.DefaultPukRetries},{SimCard.DefaultPinRetries}"));
    }
}
