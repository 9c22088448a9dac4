using WwanDaemon.At.Commands;
using WwanDaemon.At.Parsers;
using WwanDaemon.Modem.ConnectionProfiles;

namespace WwanDaemon.Modem.Backends;

/// <summary>
/// The commands of each <see cref="AtDataCallDialect"/>, built only with <see cref="AtCommand"/> and
/// <see cref="AtArgument"/> (so profile values are checked before they can reach a port), and the
/// reading of each dialect's state answer. Pure.
/// <code>
///   dialect             start                                  check               stop
///   GenericCgact        AT+CGACT=1,&lt;cid&gt;                       AT+CGACT?           AT+CGACT=0,&lt;cid&gt;
///   SimcomQcrmcall      AT$QCRMCALL=1,1,&lt;ip&gt;,2,&lt;cid&gt;            AT$QCRMCALL?        AT$QCRMCALL=0,1,&lt;ip&gt;,2,&lt;cid&gt;
///   QuectelQnetdevctl   AT+QNETDEVCTL=1,&lt;cid&gt;,1  (or &lt;cid&gt;,1,1)  AT+QNETDEVCTL?      AT+QNETDEVCTL=0,&lt;cid&gt;,1 (or &lt;cid&gt;,0,1)
///   HuaweiNdisdup       AT^NDISDUP=&lt;cid&gt;,1,"&lt;apn&gt;"              AT^NDISSTATQRY?     AT^NDISDUP=&lt;cid&gt;,0
/// </code>
/// $QCRMCALL arguments are &lt;action&gt;,&lt;instance&gt;,&lt;IP type&gt; (1 IPv4, 2 IPv6, 3 both),&lt;Act&gt; (2: 3GPP),
/// &lt;umts_profile&gt; (the context), as the SIM7600's AT$QCRMCALL=? ranges list them
/// (tests/fixtures/at-replies; no manual section was located). +QNETDEVCTL's order is
/// <see cref="QuectelNetDeviceLayout"/>'s (Quectel QConnectManager V1.6.8 atc.c). ^NDISDUP's
/// &lt;cid&gt;,&lt;connect&gt;,&lt;APN&gt; order is the one ModemManager's Huawei plugin sends.
/// </summary>
public static class AtDataCalls
{
    /// <summary>The +CGDCONT &lt;PDP_type&gt; for a profile's IP family (TS 27.007 §10.1.1).</summary>
    public static string PdpType(IpFamily family) => family switch
    {
        IpFamily.Ipv6 => "IPV6",
        IpFamily.Ipv4v6 => "IPV4V6",
        _ => "IP",
    };

    /// <summary>AT+CGDCONT=&lt;cid&gt;,"&lt;type&gt;","&lt;apn&gt;"; throws <see cref="AtCommandRejectedException"/> for an APN that could change the command.</summary>
    public static AtCommand DefineContext(int cid, ConnectionProfile profile) =>
        AtCommand.Set("+CGDCONT", AtArgument.Number(cid), AtArgument.Quoted(PdpType(profile.IpType), "PDP type"), AtArgument.Apn(profile.Apn));

    /// <summary>
    /// 3GPP TS 27.007 §10.1.31 AT+CGAUTH=&lt;cid&gt;,&lt;auth_prot&gt;,"&lt;userid&gt;","&lt;password&gt;" (0 none, 1 PAP, 2 CHAP),
    /// for <see cref="AtDataCallDialect.GenericCgact"/> only; null when the profile has no authentication.
    /// The vendor dialects are refused: SIMCom's and Quectel's own authentication commands order
    /// their arguments differently from 3GPP's and were not verified against a manual, and a user
    /// name sent as a password is worse than a clear refusal.
    /// </summary>
    public static AtCommand? Authentication(AtDataCallDialect dialect, int cid, ConnectionProfile profile)
    {
        if (profile.Authentication == ApnAuthentication.None)
        {
            return null;
        }
        if (dialect != AtDataCallDialect.GenericCgact)
        {
            throw new AtCommandRejectedException("authentication",
                $"PAP/CHAP authentication is not implemented for the {dialect} data call yet (its vendor command was not verified); use an APN without user and password, or the generic +CGACT dialect", null, null);
        }
        var protocol = profile.Authentication == ApnAuthentication.Pap ? 1 : 2;
        return AtCommand.Set("+CGAUTH", AtArgument.Number(cid), AtArgument.Number(protocol),
            AtArgument.Quoted(profile.User ?? "", "APN user"), AtArgument.Quoted(profile.Password ?? "", "APN password"));
    }

    /// <summary>The command that starts the call.</summary>
    public static AtCommand Start(AtBackendOptions options, ConnectionProfile profile) => options.DataCall switch
    {
        AtDataCallDialect.SimcomQcrmcall => AtCommand.Set("$QCRMCALL", options.NetworkCommandTimeout,
            AtArgument.Number(1), AtArgument.Number(1), AtArgument.Number(QcrmcallIpType(profile.IpType)), AtArgument.Number(2), AtArgument.Number(options.ContextId)),
        AtDataCallDialect.QuectelQnetdevctl => QuectelNetDevice(options, operation: 1),
        AtDataCallDialect.HuaweiNdisdup => AtCommand.Set("^NDISDUP", options.NetworkCommandTimeout,
            AtArgument.Number(options.ContextId), AtArgument.Number(1), AtArgument.Apn(profile.Apn)),
        _ => AtCommand.Set("+CGACT", options.NetworkCommandTimeout, AtArgument.Number(1), AtArgument.Number(options.ContextId)),
    };

    /// <summary>The command that ends the call.</summary>
    public static AtCommand Stop(AtBackendOptions options, IpFamily family) => options.DataCall switch
    {
        AtDataCallDialect.SimcomQcrmcall => AtCommand.Set("$QCRMCALL", options.NetworkCommandTimeout,
            AtArgument.Number(0), AtArgument.Number(1), AtArgument.Number(QcrmcallIpType(family)), AtArgument.Number(2), AtArgument.Number(options.ContextId)),
        AtDataCallDialect.QuectelQnetdevctl => QuectelNetDevice(options, operation: 0),
        AtDataCallDialect.HuaweiNdisdup => AtCommand.Set("^NDISDUP", options.NetworkCommandTimeout, AtArgument.Number(options.ContextId), AtArgument.Number(0)),
        _ => AtCommand.Set("+CGACT", options.NetworkCommandTimeout, AtArgument.Number(0), AtArgument.Number(options.ContextId)),
    };

    /// <summary>The command whose answer tells whether the call is up.</summary>
    public static AtCommand Check(AtDataCallDialect dialect) => dialect switch
    {
        AtDataCallDialect.SimcomQcrmcall => AtCommand.Read("$QCRMCALL"),
        AtDataCallDialect.QuectelQnetdevctl => AtCommand.Read("+QNETDEVCTL"),
        AtDataCallDialect.HuaweiNdisdup => AtCommand.Read("^NDISSTATQRY"),
        _ => AtCommand.Read("+CGACT"),
    };

    /// <summary>Whether the answer to <see cref="Check"/> says the call on the configured context is up.</summary>
    public static bool IsConnected(AtBackendOptions options, IReadOnlyList<string> lines) => options.DataCall switch
    {
        AtDataCallDialect.SimcomQcrmcall => DataCallParsers.ParseQcrmcall(lines).Any(family => family.Connected),
        AtDataCallDialect.QuectelQnetdevctl => DataCallParsers.ParseQuectelNetDevice(lines, options.QuectelLayout) is { Connected: true } state && state.Cid == options.ContextId,
        AtDataCallDialect.HuaweiNdisdup => DataCallParsers.ParseHuaweiNdisState(lines).Any(family => family.Connected),
        _ => PdpParsers.ParseActivation(lines).Any(context => context.Cid == options.ContextId && context.Active),
    };

    /// <summary>
    /// The URC prefix by which the dialect's firmware says the call changed, or null when it has none
    /// (<see cref="AtDataCallDialect.GenericCgact"/>: the lifecycle's periodic check has to notice).
    /// The backend does not trust the URC's fields (their layout is not documented for $QCRMCALL and
    /// +QNETDEVSTATUS): it asks <see cref="Check"/> again.
    /// </summary>
    public static string? CallChangedPrefix(AtDataCallDialect dialect) => dialect switch
    {
        AtDataCallDialect.SimcomQcrmcall => "$QCRMCALL:",
        AtDataCallDialect.QuectelQnetdevctl => "+QNETDEVSTATUS:",
        AtDataCallDialect.HuaweiNdisdup => "^NDISSTAT:",
        _ => null,
    };

    private static int QcrmcallIpType(IpFamily family) => family switch
    {
        IpFamily.Ipv6 => 2,
        IpFamily.Ipv4v6 => 3,
        _ => 1,
    };

    private static AtCommand QuectelNetDevice(AtBackendOptions options, int operation)
    {
        var (first, second) = options.QuectelLayout == QuectelNetDeviceLayout.ContextFirst
            ? (options.ContextId, operation)
            : (operation, options.ContextId);
        return AtCommand.Set("+QNETDEVCTL", options.NetworkCommandTimeout, AtArgument.Number(first), AtArgument.Number(second), AtArgument.Number(1));
    }
}
