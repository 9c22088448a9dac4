using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.Qmi.Qv;

namespace WwanDaemon.Simulator.Qmi;

/// <summary>WDA (service 26): the network interface's framing, 802.3 or raw IP (data/qmi/wda.json).</summary>
internal static class QmiWdaFace
{
    private const int Ethernet = 1, RawIp = 2; // WdaLinkLayerProtocol 802-3, raw-ip

    public static IEnumerable<KeyValuePair<(string, string), QmiHandler>> Handlers()
    {
        yield return new(("wda", "Get Data Format"), c => Qv.Ok(Format(c.Modem)));
        yield return new(("wda", "Set Data Format"), c =>
        {
            if (c.Request["Link Layer Protocol"] is QmiInteger protocol)
            {
                if (protocol.Value is not (Ethernet or RawIp))
                {
                    return Qv.Fail(QmiErrors.InvalidArgument);
                }
                c.Modem.SetRawIp(protocol.Value == RawIp);
            }
            return Qv.Ok(Format(c.Modem));
        });
    }

    private static QmiField[] Format(SimulatedModem modem) =>
    [
        F("QoS Format", 0),
        F("Link Layer Protocol", modem.RawIp ? RawIp : Ethernet),
        F("Uplink Data Aggregation Protocol", 0),
        F("Downlink Data Aggregation Protocol", 0),
    ];
}

/// <summary>UIM (service 11): card status and PIN verification (data/qmi/uim.json).</summary>
internal static class QmiUimFace
{
    public static IEnumerable<KeyValuePair<(string, string), QmiHandler>> Handlers()
    {
        yield return new(("uim", "Get Card Status"), c => Qv.Ok(CardStatus(c.Modem)));
        yield return new(("uim", "Verify PIN"), VerifyPin);
    }

    /// <summary>One card with one USIM application; UimPinState 1 enabled-not-verified, 2 enabled-verified, 3 disabled, 4 blocked.</summary>
    private static QmiField CardStatus(SimulatedModem modem)
    {
        var sim = modem.Sim;
        var cards = new List<QmiValue>();
        if (sim.State != SimState.Absent)
        {
            var (applicationState, pinState) = sim.State switch
            {
                SimState.PinRequired => (2, 1),
                SimState.PukRequired => (3, 4),
                SimState.Blocked => (5, 5),
                _ => (7, modem.Profile.Sim.State == SimState.PinRequired ? 2 : 3),
            };
            var usim = Struct(
                F("Type", 2), F("State", applicationState), F("Personalization State", 2), F("Personalization Feature", 0),
                F("Personalization Retries", 0), F("Personalization Unblock Retries", 0),
                F("Application Identifier Value", Bytes([0xa0, 0x00, 0x00, 0x00, 0x87, 0x10, 0x02, 0xff, 0xff, 0xff, 0xff, 0x89, 0x06, 0x19, 0x00, 0x00])),
                F("UPIN replaces PIN1", 0), F("PIN1 State", pinState), F("PIN1 Retries", sim.PinRetries), F("PUK1 Retries", sim.PukRetries),
                F("PIN2 State", 1), F("PIN2 Retries", 3), F("PUK2 Retries", 10));
            cards.Add(Struct(F("Card State", 1), F("UPIN State", 0), F("UPIN Retries", 0), F("UPUK Retries", 0), F("Error code", 0),
                F("Applications", Array([usim]))));
        }
        return F("Card Status", Struct(
            F("Index GW Primary", sim.State == SimState.Absent ? 0xffff : 0), F("Index 1x Primary", 0xffff),
            F("Index GW Secondary", 0xffff), F("Index 1x Secondary", 0xffff), F("Cards", Array(cards))));
    }

    private static (QmiResult, IReadOnlyList<QmiField>) VerifyPin(QmiRequestContext context)
    {
        if (context.Request["Info"] is not QmiStruct info || info["PIN ID"].AsInteger() != 1)
        {
            return Qv.Fail(QmiErrors.InvalidArgument);
        }
        if (context.Modem.Sim.State is SimState.Absent)
        {
            return Qv.Fail(QmiErrors.NoSim);
        }
        if (context.Modem.Sim.State is SimState.Ready)
        {
            return Qv.Fail(QmiErrors.NoEffect);
        }
        var refusal = context.Modem.VerifyPin(info["PIN Value"].AsString());
        var retries = F("Retries Remaining", Struct(F("Verify Retries Left", context.Modem.Sim.PinRetries), F("Unblock Retries Left", context.Modem.Sim.PukRetries)));
        return refusal is null
            ? Qv.Ok(retries)
            : (QmiResult.Failure(context.Modem.Sim.State == SimState.PinRequired ? QmiErrors.IncorrectPin : QmiErrors.PinBlocked), [retries]);
    }
}
