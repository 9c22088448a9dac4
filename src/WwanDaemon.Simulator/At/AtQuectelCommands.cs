using System.Globalization;
using WwanDaemon.At.Lines;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.At.AtRequestKind;

namespace WwanDaemon.Simulator.At;

/// <summary>
/// Quectel's AT-driven data call on the ECM/NCM/RNDIS compositions, for the two chipset families
/// whose AT+QNETDEVCTL arguments come in opposite orders (WwanDaemon.At.Parsers.QuectelNetDeviceLayout):
/// <list type="bullet">
/// <item><c>quectel-asr</c>: &lt;op&gt;,&lt;cid&gt;,&lt;urc_en&gt; and "+QNETDEVCTL: &lt;op&gt;,&lt;cid&gt;,&lt;urc_en&gt;,&lt;state&gt;" (the
/// ASR "LTE Standard" modules, EC200T/EC100Y; Quectel QConnectManager Linux V1.6.8 atc.c, its
/// "asr_style" path, writes and reads this order).</item>
/// <item><c>quectel-unisoc</c>: &lt;cid&gt;,&lt;op&gt;,&lt;urc_en&gt; and the read answer in the same order (RG500U/RG801;
/// QConnectManager atc.c writes this order and its log/ecm_ncm_rndis.txt shows AT+QNETDEVCTL=?
/// answering "(1-11),(0,1),(0,1)"; the read order is inferred from it, tests/fixtures/at-replies/README.md).</item>
/// </list>
/// &lt;op&gt; 1 connects, 0 disconnects (2/3 auto-connect are accepted as connect, auto-reconnect is not
/// simulated). Also AT+QCCID ("+QCCID: &lt;iccid&gt;", QConnectManager's log) and AT+QPINC? (Quectel
/// RG520N&amp;RG525F&amp;RG5x0F&amp;RM5x0N Series AT Commands Manual V1.1, 2025-02-20, §4.11:
/// "+QPINC: "SC",&lt;pin&gt;,&lt;puk&gt;" then the same for "P2"). The +QNETDEVSTATUS URC is not sent: no
/// source for its fields was found.
/// </summary>
internal static class AtQuectelCommands
{
    public static void AddTo(AtCommandTable table, bool contextFirst) => table
        .Add("+QNETDEVCTL", (c, r) => SetNetDevice(c, r, contextFirst), Set)
        .Add("+QNETDEVCTL", (c, _) => AtReply.Ok(StateLine(c, contextFirst)), Read)
        .Add("+QNETDEVCTL", (_, _) => AtReply.Ok(contextFirst ? "+QNETDEVCTL: (1-11),(0,1),(0,1)" : "+QNETDEVCTL: (0-3),(1-11),(0,1)"), Test)
        .Add("+QCCID", (c, _) => AtIdentityCommands.SimRequired(c.Modem, unlocked: false) ?? AtReply.Ok("+QCCID: " + c.Modem.Sim.Iccid), Execute)
        .Add("+QPINC", (c, _) => AtReply.Ok(
            string.Create(CultureInfo.InvariantCulture, $"+QPINC: \"SC\",{c.Modem.Sim.PinRetries},{c.Modem.Sim.PukRetries}"),
            string.Create(CultureInfo.InvariantCulture, $"+QPINC: \"P2\",{SimCard.DefaultPinRetries},{SimCard.DefaultPukRetries}")), Read);

    /// <summary>The context last bound by AT+QNETDEVCTL, kept per modem like the firmware's setting.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SimulatedModem, Binding> Bindings = [];

    private sealed class Binding
    {
        public int Operation { get; set; }

        public int Cid { get; set; }

        public bool Unsolicited { get; set; }
    }

    private static AtReply SetNetDevice(AtContext context, AtRequest request, bool contextFirst)
    {
        var (operation, cid) = contextFirst ? (request.Number(1), request.Number(0)) : (request.Number(0), request.Number(1));
        var urc = request.Number(2, 0);
        if (operation is not (>= 0 and <= 3) || cid is not (>= 1 and <= 11) || urc is not (0 or 1))
        {
            return AtReply.Cme(CmeErrors.OperationNotSupported);
        }
        var binding = Bindings.GetOrCreateValue(context.Modem);
        if (operation == 0)
        {
            context.Modem.DeactivatePdpContext(cid.Value);
            (binding.Operation, binding.Cid, binding.Unsolicited) = (0, cid.Value, urc == 1);
            return AtReply.Ok();
        }
        if (AtPacketDataCommands.ActivationError(context.Modem, cid.Value) is { } error)
        {
            return error;
        }
        (binding.Operation, binding.Cid, binding.Unsolicited) = (operation.Value, cid.Value, urc == 1);
        return AtReply.Ok();
    }

    private static string StateLine(AtContext context, bool contextFirst)
    {
        var binding = Bindings.GetOrCreateValue(context.Modem);
        var up = binding.Cid > 0 && binding.Operation > 0 && context.Modem.PdpContextSession(binding.Cid) is not null ? 1 : 0;
        var (first, second) = contextFirst ? (binding.Cid, binding.Operation) : (binding.Operation, binding.Cid);
        return string.Create(CultureInfo.InvariantCulture, $"+QNETDEVCTL: {first},{second},{(binding.Unsolicited ? 1 : 0)},{up}");
    }
}
