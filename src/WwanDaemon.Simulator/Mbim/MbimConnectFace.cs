using System.Net;
using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.Mbim.MbimFace;
using static WwanDaemon.Simulator.Qmi.Qv;

namespace WwanDaemon.Simulator.Mbim;

/// <summary>
/// Basic connect's data commands: Connect (activate, deactivate, query per session id), IP
/// Configuration and Packet Statistics, from the modem's sessions (enum values from libmbim's
/// mbim-enums.h, the internet context UUID from mbim-uuid.c, commit 2f6c6ad).
/// </summary>
internal static class MbimConnectFace
{
    /// <summary>MBIM_CONTEXT_TYPE_INTERNET.</summary>
    public const string InternetContext = "7e5e2a7e-4e6f-7272-736b-656e7e5e2a7e";
    private const string NoContext = "00000000-0000-0000-0000-000000000000";
    private const int Deactivate = 0, Activate = 1;                      // MbimActivationCommand
    private const int ActivatedState = 1, DeactivatedState = 3;                   // MbimActivationState
    private const int DefaultIp = 0, Ipv4 = 1, Ipv6 = 2, Ipv4v6 = 3;      // MbimContextIpType
    private const int MissingOrUnknownApn = 27;                          // MbimNwError (3GPP TS 24.008 cause 27)
    private const int AddressGatewayDnsMtu = 1 | 2 | 4 | 8;              // MbimIPConfigurationAvailableFlag

    /// <summary>IPv6 gateway and DNS of the simulated network (RFC 3849 documentation range, like the session addresses).</summary>
    internal const string Ipv6Gateway = "2001:db8:64::1", Ipv6Dns = "2001:db8:64::53";

    public static IEnumerable<KeyValuePair<(string, string, MbimCommandType), MbimHandler>> Handlers()
    {
        yield return Set("Connect", Connect);
        yield return Query("Connect", c =>
        {
            var sessionId = (uint)Integer(c, "SessionId");
            return c.Port.SessionOf(sessionId) is { } session ? MbimAnswer.Ok([.. Activated(sessionId, session)]) : MbimAnswer.Ok([.. Deactivated(sessionId, null)]);
        });
        yield return Query("IP Configuration", IpConfiguration);
        yield return Query("Packet Statistics", c =>
        {
            var stats = c.Modem.Statistics;
            return MbimAnswer.Ok(
                F("InDiscards", stats.InDiscards), F("InErrors", stats.InErrors), F("InOctets", stats.InOctets), F("InPackets", stats.InPackets),
                F("OutOctets", stats.OutOctets), F("OutPackets", stats.OutPackets), F("OutErrors", stats.OutErrors), F("OutDiscards", stats.OutDiscards));
        });
    }

    /// <summary>The Connect response or notification of a session that is up.</summary>
    internal static IReadOnlyList<QmiField> Activated(uint sessionId, DataSession session) =>
    [
        F("SessionId", sessionId), F("ActivationState", ActivatedState), F("VoiceCallState", 0),
        F("IpType", session.Ipv4 is null ? Ipv6 : session.Ipv6 is null ? Ipv4 : Ipv4v6),
        F("ContextType", InternetContext), F("NwError", 0),
    ];

    /// <summary>The Connect response or notification of a session id with nothing up (a network error when one was refused).</summary>
    internal static IReadOnlyList<QmiField> Deactivated(uint sessionId, int? networkError) =>
    [
        F("SessionId", sessionId), F("ActivationState", DeactivatedState), F("VoiceCallState", 0),
        F("IpType", DefaultIp), F("ContextType", networkError is null ? NoContext : InternetContext), F("NwError", networkError ?? 0),
    ];

    /// <summary>
    /// Activate starts a modem session under the session id (IPv4, IPv6, or both for default and the
    /// dual types); the order of checks follows what the network would refuse first.
    /// </summary>
    private static MbimAnswer Connect(MbimRequestContext context)
    {
        var sessionId = (uint)Integer(context, "SessionId");
        if (sessionId >= context.Modem.Profile.MaxSessions)
        {
            return MbimAnswer.Fail(MbimStatus.InvalidParameters);
        }
        var existing = context.Port.SessionOf(sessionId);
        switch (Integer(context, "ActivationCommand"))
        {
            case Activate when existing is not null:
                return MbimAnswer.Ok([.. Activated(sessionId, existing)]);
            case Activate:
                if (context.Modem.Mode != OperatingMode.Online)
                {
                    return MbimAnswer.Fail(MbimStatus.RadioPowerOff);
                }
                if (context.Modem.Registration is not (RegistrationState.Home or RegistrationState.Roaming))
                {
                    return MbimAnswer.Fail(MbimStatus.NotRegistered);
                }
                if (!context.Modem.PacketServiceAttached)
                {
                    return MbimAnswer.Fail(MbimStatus.PacketServiceDetached);
                }
                var family = Integer(context, "IpType") switch { Ipv4 => 4, Ipv6 => 6, _ => 46 };
                var (session, _) = context.Modem.StartSession(Text(context, "AccessString"), family);
                if (session is null)
                {
                    return MbimAnswer.Fail(MbimStatus.Failure, [.. Deactivated(sessionId, MissingOrUnknownApn)]);
                }
                context.Port.BindSession(sessionId, session.Handle);
                return MbimAnswer.Ok([.. Activated(sessionId, session)]);
            case Deactivate when existing is null:
                return MbimAnswer.Fail(MbimStatus.ContextNotActivated);
            case Deactivate:
                context.Port.UnbindSession(sessionId); // first, so the session ending raises no notification to this host
                context.Modem.StopSession(existing.Handle);
                return MbimAnswer.Ok([.. Deactivated(sessionId, null)]);
            default:
                return MbimAnswer.Fail(MbimStatus.InvalidParameters);
        }
    }

    /// <summary>The addresses the simulated network gave the session: /24 for IPv4, /64 for IPv6 (MBIM 1.0 §10.5.20).</summary>
    private static MbimAnswer IpConfiguration(MbimRequestContext context)
    {
        var sessionId = (uint)Integer(context, "SessionId");
        if (context.Port.SessionOf(sessionId) is not { } session)
        {
            return MbimAnswer.Fail(MbimStatus.ContextNotActivated);
        }
        var ipv4 = session.Ipv4 is { } v4 ? [Struct(F("OnLinkPrefixLength", 24), F("IPv4Address", v4.ToString()))] : System.Array.Empty<QmiValue>();
        var ipv6 = session.Ipv6 is { } v6 ? [Struct(F("OnLinkPrefixLength", 64), F("IPv6Address", v6.ToString()))] : System.Array.Empty<QmiValue>();
        var dns4 = session.Ipv4 is null ? [] : session.Dns.Where(d => d.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork).ToArray();
        IPAddress[] dns6 = session.Ipv6 is null ? [] : [IPAddress.Parse(Ipv6Dns)];
        var fields = new List<QmiField>
        {
            F("SessionId", sessionId),
            F("IPv4ConfigurationAvailable", session.Ipv4 is null ? 0 : AddressGatewayDnsMtu),
            F("IPv6ConfigurationAvailable", session.Ipv6 is null ? 0 : AddressGatewayDnsMtu),
            F("IPv4Address", Array(ipv4)),
            F("IPv6Address", Array(ipv6)),
            F("IPv4DnsServer", Array(dns4.Select(d => (QmiValue)new QmiString(d.ToString())))),
            F("IPv6DnsServer", Array(dns6.Select(d => (QmiValue)new QmiString(d.ToString())))),
            F("IPv4Mtu", session.Ipv4 is null ? 0 : session.Mtu),
            F("IPv6Mtu", session.Ipv6 is null ? 0 : session.Mtu),
        };
        // The gateways are references: left out, they go as offset 0 (absent).
        if (session.Ipv4Gateway is { } gateway4)
        {
            fields.Add(F("IPv4Gateway", gateway4.ToString()));
        }
        if (session.Ipv6 is not null)
        {
            fields.Add(F("IPv6Gateway", Ipv6Gateway));
        }
        return new MbimAnswer(MbimStatus.Success, fields);
    }
}
