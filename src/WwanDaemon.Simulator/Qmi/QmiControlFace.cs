using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Simulator.Qmi;

/// <summary>CTL as the simulated modem answers it (service 0; names as declared in data/qmi/ctl.json).</summary>
internal static class QmiControlFace
{
    /// <summary>Services and the versions the simulator reports (major.minor), in QMUX service ids.</summary>
    private static readonly (int Service, int Major, int Minor)[] Versions =
    [
        (0, 1, 5), (1, 1, 12), (2, 1, 7), (3, 1, 25), (11, 1, 46), (26, 1, 16),
    ];

    public static IEnumerable<KeyValuePair<(string, string), QmiHandler>> Handlers()
    {
        yield return new(("ctl", "Get Version Info"), _ => (QmiResult.Success,
            [new QmiField("Service list", new QmiArray(Versions.Select(v => (QmiValue)new QmiStruct(
                [Qv.F("Service", v.Service), Qv.F("Major version", v.Major), Qv.F("Minor version", v.Minor)])).ToArray()))]));
        yield return new(("ctl", "Allocate CID"), AllocateCid);
        yield return new(("ctl", "Release CID"), ReleaseCid);
        yield return new(("ctl", "Sync"), context =>
        {
            context.Port.DropAllClients();
            return (QmiResult.Success, []);
        });
        yield return new(("ctl", "Set Data Format"), _ => (QmiResult.Success, []));
    }

    private static (QmiResult, IReadOnlyList<QmiField>) AllocateCid(QmiRequestContext context)
    {
        if (context.Request["Service"] is not QmiInteger { Value: >= 1 and <= 254 } service)
        {
            return (QmiResult.Failure(QmiErrors.MissingArgument), []);
        }
        if (!context.Port.Serves((byte)service.Value))
        {
            return (QmiResult.Failure(QmiErrors.InvalidServiceType), []);
        }
        var clientId = context.Port.Allocate((byte)service.Value);
        return clientId == 0
            ? (QmiResult.Failure(QmiErrors.ClientIdsExhausted), [])
            : (QmiResult.Success, [Qv.F("Allocation Info", Qv.F("Service", service.Value), Qv.F("Cid", clientId))]);
    }

    private static (QmiResult, IReadOnlyList<QmiField>) ReleaseCid(QmiRequestContext context)
    {
        if (context.Request["Release Info"] is not QmiStruct info)
        {
            return (QmiResult.Failure(QmiErrors.MissingArgument), []);
        }
        var service = info["Service"].AsInteger();
        var clientId = info["Cid"].AsInteger();
        if (!context.Port.Release((byte)service, (byte)clientId))
        {
            return (QmiResult.Failure(QmiErrors.InvalidClientId), []);
        }
        context.Port.ForgetClient((byte)clientId);
        return (QmiResult.Success, [Qv.F("Release Info", Qv.F("Service", service), Qv.F("Cid", clientId))]);
    }
}

/// <summary>Answers one request from the modem's state.</summary>
public delegate (QmiResult Result, IReadOnlyList<QmiField> Tlvs) QmiHandler(QmiRequestContext context);
