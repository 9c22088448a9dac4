using System.Globalization;
using System.Net;
using System.Net.Sockets;
using WwanDaemon.At.Lines;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.At.AtRequestKind;

namespace WwanDaemon.Simulator.At;

/// <summary>
/// Packet data on the shared model: +CGDCONT (TS 27.007 §10.1.1), +CGATT (§10.1.9), +CGACT (§10.1.10),
/// +CGPADDR (§10.1.14), +CGCONTRDP (§10.1.23). A context's session is the model's, so a QMI or MBIM
/// face of the same modem sees it, and the network ending it (deregistration) deactivates it.
/// </summary>
internal static class AtPacketDataCommands
{
    /// <summary>The EPS bearer id reported for every context (default bearers start at 5, TS 24.007 §11.2.3.1.5).</summary>
    private const int BearerId = 5;

    public static void AddTo(AtCommandTable table) => table
        .Add("+CGDCONT", DefineContext, Set)
        .Add("+CGDCONT", (c, _) => AtReply.Ok([.. c.Modem.PdpContexts.Select(ContextLine)]), Read)
        .Add("+CGDCONT", (_, _) => AtReply.Ok([.. SimulatedModem.PdpTypes.Select(type => $"+CGDCONT: (1-{SimulatedModem.MaxCid}),\"{type}\",,,(0-2),(0-4)")]), Test)
        .Add("+CGATT", (c, _) => AtReply.Ok($"+CGATT: {(c.Modem.PacketServiceAttached ? 1 : 0)}"), Read)
        .Add("+CGATT", SetAttach, Set)
        .Add("+CGATT", (_, _) => AtReply.Ok("+CGATT: (0,1)"), Test)
        .Add("+CGACT", SetActivation, Set)
        .Add("+CGACT", (c, _) => AtReply.Ok([.. c.Modem.PdpContexts.Select(p => $"+CGACT: {p.Cid},{(c.Modem.PdpContextSession(p.Cid) is null ? 0 : 1)}")]), Read)
        .Add("+CGACT", (_, _) => AtReply.Ok("+CGACT: (0,1)"), Test)
        .Add("+CGPADDR", Addresses, Execute, Set)
        .Add("+CGPADDR", (c, _) => AtReply.Ok($"+CGPADDR: ({string.Join(',', c.Modem.PdpContexts.Select(p => p.Cid))})"), Test)
        .Add("+CGCONTRDP", DynamicParameters, Execute, Set);

    /// <summary>"+CGDCONT: &lt;cid&gt;,"&lt;type&gt;","&lt;apn&gt;","0.0.0.0",0,0": the address field is the static address, never set here.</summary>
    private static string ContextLine(PdpContextDefinition context) =>
        string.Create(CultureInfo.InvariantCulture, $"+CGDCONT: {context.Cid},\"{context.PdpType}\",\"{context.Apn}\",\"{(context.PdpType == "IPV6" ? "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0" : "0.0.0.0")}\",0,0");

    /// <summary>AT+CGDCONT=&lt;cid&gt;,&lt;type&gt;,&lt;apn&gt; defines; AT+CGDCONT=&lt;cid&gt; alone undefines (§10.1.1).</summary>
    private static AtReply DefineContext(AtContext context, AtRequest request)
    {
        if (request.Number(0) is not { } cid)
        {
            return AtReply.Cme(CmeErrors.OperationNotSupported);
        }
        if (request.Arguments.Count == 1)
        {
            return context.Modem.UndefinePdpContext(cid) is null ? AtReply.Ok() : AtReply.Cme(CmeErrors.OperationNotAllowed);
        }
        var type = (request.Argument(1) ?? "IP").ToUpperInvariant();
        var refusal = context.Modem.DefinePdpContext(new PdpContextDefinition(cid, type, request.Argument(2) ?? ""));
        return refusal is null ? AtReply.Ok() : AtReply.Cme(CmeErrors.OperationNotAllowed);
    }

    private static AtReply SetAttach(AtContext context, AtRequest request)
    {
        switch (request.Number(0))
        {
            case 1:
                return context.Modem.AttachPacketService() is null ? AtReply.Ok() : AtReply.Cme(CmeErrors.NoNetworkService);
            case 0:
                context.Modem.DetachPacketService();
                return AtReply.Ok();
            default:
                return AtReply.Cme(CmeErrors.OperationNotSupported);
        }
    }

    /// <summary>AT+CGACT=&lt;state&gt;[,&lt;cid&gt;[,...]]: no cid means every defined context.</summary>
    private static AtReply SetActivation(AtContext context, AtRequest request)
    {
        var state = request.Number(0);
        if (state is not (0 or 1))
        {
            return AtReply.Cme(CmeErrors.OperationNotSupported);
        }
        var cids = request.Arguments.Count > 1
            ? request.Arguments.Skip(1).Select((_, i) => request.Number(i + 1)).ToArray()
            : context.Modem.PdpContexts.Select(p => (int?)p.Cid).ToArray();
        foreach (var cid in cids)
        {
            if (cid is null)
            {
                return AtReply.Cme(CmeErrors.OperationNotSupported);
            }
            if (state == 0)
            {
                context.Modem.DeactivatePdpContext(cid.Value);
                continue;
            }
            if (ActivationError(context.Modem, cid.Value) is { } error)
            {
                return error;
            }
        }
        return AtReply.Ok();
    }

    /// <summary>
    /// Activates <paramref name="cid"/>, or the +CME error why not: 30 no network service while not
    /// registered, 3 for an undefined context, 133 (requested service option not subscribed, §9.2.2)
    /// for an APN the network refuses.
    /// </summary>
    internal static AtReply? ActivationError(SimulatedModem modem, int cid)
    {
        if (modem.Registration is not (RegistrationState.Home or RegistrationState.Roaming))
        {
            return AtReply.Cme(CmeErrors.NoNetworkService);
        }
        if (!modem.PdpContexts.Any(p => p.Cid == cid))
        {
            return AtReply.Cme(CmeErrors.OperationNotAllowed);
        }
        var (session, _) = modem.ActivatePdpContext(cid);
        return session is null ? AtReply.Cme(ServiceOptionNotSubscribed) : null;
    }

    /// <summary>TS 27.007 §9.2.2: 133 requested service option not subscribed (the APN is refused).</summary>
    internal const int ServiceOptionNotSubscribed = 133;

    /// <summary>"+CGPADDR: &lt;cid&gt;,"&lt;v4&gt;"[,"&lt;v6&gt;"]" for the given or all defined contexts; an inactive context has none.</summary>
    private static AtReply Addresses(AtContext context, AtRequest request)
    {
        var cids = Selected(context.Modem, request);
        return AtReply.Ok([.. cids.Select(cid =>
        {
            var session = context.Modem.PdpContextSession(cid);
            var addresses = new[] { session?.Ipv4, session?.Ipv6 }.Where(a => a is not null).Select(a => $",\"{Dotted(a!)}\"");
            return string.Create(CultureInfo.InvariantCulture, $"+CGPADDR: {cid}{string.Concat(addresses)}");
        })]);
    }

    /// <summary>
    /// "+CGCONTRDP: &lt;cid&gt;,5,"&lt;apn&gt;","&lt;addr&gt;.&lt;mask&gt;","&lt;gw&gt;","&lt;dns1&gt;","&lt;dns2&gt;"" per active
    /// context and family (§10.1.23: address and mask as one dotted value). No active context: +CME ERROR: 3.
    /// </summary>
    private static AtReply DynamicParameters(AtContext context, AtRequest request)
    {
        var lines = new List<string>();
        foreach (var cid in Selected(context.Modem, request))
        {
            if (context.Modem.PdpContextSession(cid) is not { } session)
            {
                continue;
            }
            var dns = session.Dns.Where(d => d.AddressFamily == AddressFamily.InterNetwork).Select(Dotted).ToArray();
            if (session.Ipv4 is { } v4)
            {
                lines.Add(string.Create(CultureInfo.InvariantCulture,
                    $"+CGCONTRDP: {cid},{BearerId},\"{session.Apn}\",\"{Dotted(v4)}.255.255.255.0\",\"{Dotted(session.Ipv4Gateway ?? IPAddress.Any)}\",\"{dns.ElementAtOrDefault(0) ?? "0.0.0.0"}\",\"{dns.ElementAtOrDefault(1) ?? "0.0.0.0"}\""));
            }
            if (session.Ipv6 is { } v6)
            {
                // The /64 prefix mask, written as an address (§10.1.23).
                var mask = Dotted(IPAddress.Parse("ffff:ffff:ffff:ffff::"));
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"+CGCONTRDP: {cid},{BearerId},\"{session.Apn}\",\"{Dotted(v6)}.{mask}\""));
            }
        }
        return lines.Count > 0 ? AtReply.Ok([.. lines]) : AtReply.Cme(CmeErrors.OperationNotAllowed);
    }

    private static IEnumerable<int> Selected(SimulatedModem modem, AtRequest request) =>
        request.Kind == Set && request.Number(0) is { } cid ? [cid] : modem.PdpContexts.Select(p => p.Cid);

    /// <summary>Dotted decimal bytes, TS 27.007's default address notation (+CGPIAF=0): 4 numbers for IPv4, 16 for IPv6.</summary>
    internal static string Dotted(IPAddress address) => string.Join('.', address.GetAddressBytes());
}
