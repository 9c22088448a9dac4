using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.Qmi.Qv;

namespace WwanDaemon.Simulator.Qmi;

/// <summary>
/// WDS (service 1) as the simulated modem answers it; names and enum values as in data/qmi/wds.json.
/// A session belongs to the client that started it: status and settings are per client.
/// </summary>
internal static class QmiWdsFace
{
    private const int Disconnected = 1, Connected = 2;           // WdsConnectionStatus
    private const int Ipv4 = 4, Ipv6 = 6, Unspecified = 8;        // WdsIpFamily
    private const int UnknownApnReason = 1013;                   // WdsCallEndReason gsm-wcdma-unknown-apn
    private const int NoServiceReason = 3;                       // generic-no-service

    public static IEnumerable<KeyValuePair<(string, string), QmiHandler>> Handlers()
    {
        yield return Handle("Start Network", StartNetwork);
        yield return Handle("Stop Network", StopNetwork);
        yield return Handle("Get Packet Service Status", c => Qv.Ok(F("Connection Status", SessionOf(c) is null ? Disconnected : Connected)));
        yield return Handle("Get Current Settings", CurrentSettings);
        yield return Handle("Set IP Family", c =>
        {
            c.Port.SetIpFamily(c.ClientId, (int)(c.Request["Preference"]?.AsInteger() ?? Ipv4));
            return Qv.Ok();
        });
        yield return Handle("Get Profile List", c => Qv.Ok(F("Profile List", Array(c.Modem.Profile.AllowedApns.Select((apn, index) =>
            (QmiValue)Struct(F("Profile Type", 0), F("Profile Index", index + 1), F("Profile Name", apn)))))));
        yield return Handle("Modify Profile", _ => Qv.Ok());
    }

    private static (QmiResult, IReadOnlyList<QmiField>) StartNetwork(QmiRequestContext context)
    {
        if (SessionOf(context) is not null)
        {
            return Qv.Fail(QmiErrors.NoEffect);
        }
        var apn = (context.Request["APN"] as QmiString)?.Value ?? context.Modem.Profile.AllowedApns[0];
        var family = (int)(context.Request["IP Family Preference"]?.AsInteger() ?? context.Port.IpFamilyOf(context.ClientId));
        var (session, refusal) = context.Modem.StartSession(apn, family == Unspecified ? Ipv4 : family);
        if (session is null)
        {
            var reason = QmiNasFace.Registered(context.Modem) ? UnknownApnReason : NoServiceReason;
            return (QmiResult.Failure(QmiErrors.CallFailed), [F("Call End Reason", reason)]);
        }
        context.Port.OwnSession(context.ClientId, session.Handle);
        return Qv.Ok(F("Packet Data Handle", session.Handle));
    }

    private static (QmiResult, IReadOnlyList<QmiField>) StopNetwork(QmiRequestContext context)
    {
        if (context.Request["Packet Data Handle"] is not QmiInteger handle)
        {
            return Qv.Fail(QmiErrors.MissingArgument);
        }
        if (context.Modem.StopSession((uint)handle.Value) is not null)
        {
            return Qv.Fail(QmiErrors.InvalidHandle);
        }
        context.Port.DisownSession((uint)handle.Value);
        return Qv.Ok();
    }

    private static (QmiResult, IReadOnlyList<QmiField>) CurrentSettings(QmiRequestContext context)
    {
        if (SessionOf(context) is not { } session)
        {
            return Qv.Fail(QmiErrors.OutOfCall);
        }
        var tlvs = new List<QmiField> { F("APN Name", session.Apn), F("IP Family", session.Ipv4 is null ? Ipv6 : Ipv4), F("MTU", session.Mtu) };
        if (session.Ipv4 is { } address)
        {
            tlvs.Add(F("IPv4 Address", Ipv4Value(address)));
            tlvs.Add(F("IPv4 Gateway Address", Ipv4Value(session.Ipv4Gateway!)));
            tlvs.Add(F("IPv4 Gateway Subnet Mask", 0xFFFF_FF00));
            tlvs.Add(F("Primary IPv4 DNS Address", Ipv4Value(session.Dns[0])));
            tlvs.Add(F("Secondary IPv4 DNS Address", Ipv4Value(session.Dns[1])));
        }
        if (session.Ipv6 is { } ipv6)
        {
            tlvs.Add(F("IPv6 Address", Struct(F("Address", Qv.Ipv6(ipv6)), F("Prefix Length", 64))));
        }
        return (QmiResult.Success, tlvs);
    }

    private static long Ipv4Value(System.Net.IPAddress address) => Qv.Ipv4(address);

    private static DataSession? SessionOf(QmiRequestContext context) =>
        context.Port.SessionOwnedBy(context.ClientId) is { } handle ? context.Modem.Sessions.FirstOrDefault(s => s.Handle == handle) : null;

    private static KeyValuePair<(string, string), QmiHandler> Handle(string message, QmiHandler handler) => new(("wds", message), handler);
}
