namespace WwanDaemon.At.Parsers;

/// <summary>What the SIM (or the device lock) waits for, from +CPIN? (3GPP TS 27.007 §8.3).</summary>
public enum SimLockState
{
    Ready,
    SimPin,
    SimPuk,
    SimPin2,
    SimPuk2,
    PhoneSimPin,
    PhoneFirstSimPin,
    PhoneFirstSimPuk,
    NetworkPin,
    NetworkPuk,
    NetworkSubsetPin,
    NetworkSubsetPuk,
    ServiceProviderPin,
    ServiceProviderPuk,
    CorporatePin,
    CorporatePuk,

    /// <summary>"NOT INSERTED" / "SIM REMOVED": vendor replies instead of +CME ERROR: 10.</summary>
    NotInserted,

    /// <summary>"NOT READY": the SIM is still initialising (vendor reply).</summary>
    NotReady,
}

/// <summary>Attempts left per secret; null where the reply did not say.</summary>
public sealed record PinRetryCounts(int? Pin1, int? Puk1, int? Pin2, int? Puk2);

/// <summary>SIM state and PIN retry counters: +CPIN (TS 27.007 §8.3), +CPINR (§8.65) and vendor counters.</summary>
public static class SimParsers
{
    private static readonly Dictionary<string, SimLockState> States = new(StringComparer.OrdinalIgnoreCase)
    {
        ["READY"] = SimLockState.Ready,
        ["SIM PIN"] = SimLockState.SimPin,
        ["SIM PUK"] = SimLockState.SimPuk,
        ["SIM PIN2"] = SimLockState.SimPin2,
        ["SIM PUK2"] = SimLockState.SimPuk2,
        ["PH-SIM PIN"] = SimLockState.PhoneSimPin,
        ["PH-FSIM PIN"] = SimLockState.PhoneFirstSimPin,
        ["PH-FSIM PUK"] = SimLockState.PhoneFirstSimPuk,
        ["PH-NET PIN"] = SimLockState.NetworkPin,
        ["PH-NET PUK"] = SimLockState.NetworkPuk,
        ["PH-NETSUB PIN"] = SimLockState.NetworkSubsetPin,
        ["PH-NETSUB PUK"] = SimLockState.NetworkSubsetPuk,
        ["PH-SP PIN"] = SimLockState.ServiceProviderPin,
        ["PH-SP PUK"] = SimLockState.ServiceProviderPuk,
        ["PH-CORP PIN"] = SimLockState.CorporatePin,
        ["PH-CORP PUK"] = SimLockState.CorporatePuk,
        ["NOT INSERTED"] = SimLockState.NotInserted,
        ["SIM REMOVED"] = SimLockState.NotInserted,
        ["NOT READY"] = SimLockState.NotReady,
    };

    /// <summary>"+CPIN: READY", "+CPIN: SIM PIN", "+CPIN: \"SIM PUK\"", or the bare code some firmware sends ("SIM PUK").</summary>
    public static SimLockState ParsePinState(IReadOnlyList<string> lines)
    {
        var bodies = AtFields.Bodies(lines, "+CPIN:");
        var text = (bodies.Count > 0 ? bodies[0] : null)
            ?? lines.FirstOrDefault(line => line.Trim().Length > 0)
            ?? throw new AtProtocolException("+CPIN: the response is empty");
        var body = text.Trim().Trim('"').Trim();
        return States.TryGetValue(body, out var state)
            ? state
            : throw new AtProtocolException($"+CPIN: '{AtFields.Shorten(body)}' is not a PIN state of TS 27.007 §8.3");
    }

    /// <summary>
    /// +CPINR (TS 27.007 §8.65): one line per secret, "+CPINR: &lt;code&gt;,&lt;retries&gt;,&lt;default retries&gt;".
    /// Codes other than SIM PIN/PUK/PIN2/PUK2 (device locks) are ignored.
    /// </summary>
    public static PinRetryCounts ParseCpinr(IReadOnlyList<string> lines)
    {
        var bodies = AtFields.Bodies(lines, "+CPINR:");
        if (bodies.Count == 0)
        {
            throw new AtProtocolException($"+CPINR: no '+CPINR:' line in the response ({AtFields.Describe(lines)})");
        }
        var counts = new PinRetryCounts(null, null, null, null);
        foreach (var body in bodies)
        {
            var fields = AtFields.Split(body);
            var retries = AtFields.Int(fields, 1, "retries", "+CPINR", body);
            counts = fields[0].Text.ToUpperInvariant() switch
            {
                "SIM PIN" => counts with { Pin1 = retries },
                "SIM PUK" => counts with { Puk1 = retries },
                "SIM PIN2" => counts with { Pin2 = retries },
                "SIM PUK2" => counts with { Puk2 = retries },
                _ => counts,
            };
        }
        return counts;
    }

    /// <summary>
    /// Quectel +QPINC? (Quectel EC2x/EG9x AT Commands Manual, "AT+QPINC"): one line per facility,
    /// "+QPINC: \"SC\",&lt;pin&gt;,&lt;puk&gt;" for PIN1/PUK1 and "+QPINC: \"P2\",..." for PIN2/PUK2.
    /// </summary>
    public static PinRetryCounts ParseQuectelQpinc(IReadOnlyList<string> lines)
    {
        var bodies = AtFields.Bodies(lines, "+QPINC:");
        if (bodies.Count == 0)
        {
            throw new AtProtocolException($"+QPINC: no '+QPINC:' line in the response ({AtFields.Describe(lines)})");
        }
        var counts = new PinRetryCounts(null, null, null, null);
        foreach (var body in bodies)
        {
            var fields = AtFields.Split(body);
            var pin = AtFields.Int(fields, 1, "PIN retries", "+QPINC", body);
            var puk = AtFields.Int(fields, 2, "PUK retries", "+QPINC", body);
            counts = fields[0].Text.ToUpperInvariant() switch
            {
                "SC" => counts with { Pin1 = pin, Puk1 = puk },
                "P2" => counts with { Pin2 = pin, Puk2 = puk },
                _ => throw new AtProtocolException($"+QPINC: facility '{fields[0].Text}' is neither \"SC\" nor \"P2\""),
            };
        }
        return counts;
    }

    /// <summary>
    /// Huawei ^CPIN? (Huawei MU609/ME909 AT Command Interface Specification, "^CPIN"):
    /// "^CPIN: &lt;code&gt;,[&lt;times&gt;],&lt;puk_times&gt;,&lt;pin_times&gt;,&lt;puk2_times&gt;,&lt;pin2_times&gt;".
    /// </summary>
    public static PinRetryCounts ParseHuaweiCpin(IReadOnlyList<string> lines)
    {
        var body = AtFields.SingleBody(lines, "^CPIN:", "^CPIN");
        var fields = AtFields.Split(body);
        return new PinRetryCounts(
            Pin1: AtFields.Int(fields, 3, "PIN retries", "^CPIN", body),
            Puk1: AtFields.Int(fields, 2, "PUK retries", "^CPIN", body),
            Pin2: AtFields.Int(fields, 5, "PIN2 retries", "^CPIN", body),
            Puk2: AtFields.Int(fields, 4, "PUK2 retries", "^CPIN", body));
    }

    /// <summary>
    /// SIMCom AT+SPIC (SIM7500_SIM7600 Series AT Command Manual, Version 1.12, 2019-10-25, §4.6
    /// "AT+SPIC Times remain to input SIM PIN/PUK"; its example answer is "+SPIC: 3,10,0,10"):
    /// "+SPIC: &lt;pin1&gt;,&lt;puk1&gt;,&lt;pin2&gt;,&lt;puk2&gt;".
    /// </summary>
    public static PinRetryCounts ParseSimcomSpic(IReadOnlyList<string> lines) => FourCounters(lines, "+SPIC:", "+SPIC", pin1: 0, puk1: 1, pin2: 2, puk2: 3);

    /// <summary>u-blox AT+UPINCNT (u-blox AT Commands Manual, "+UPINCNT"): "+UPINCNT: &lt;pin1&gt;,&lt;pin2&gt;,&lt;puk1&gt;,&lt;puk2&gt;".</summary>
    public static PinRetryCounts ParseUbloxUpincnt(IReadOnlyList<string> lines) => FourCounters(lines, "+UPINCNT:", "+UPINCNT", pin1: 0, puk1: 2, pin2: 1, puk2: 3);

    private static PinRetryCounts FourCounters(IReadOnlyList<string> lines, string prefix, string what, int pin1, int puk1, int pin2, int puk2)
    {
        var body = AtFields.SingleBody(lines, prefix, what);
        var fields = AtFields.Split(body);
        if (fields.Count != 4)
        {
            throw new AtProtocolException($"{what}: expected four counters, got {fields.Count} in '{AtFields.Shorten(body)}'");
        }
        return new PinRetryCounts(
            AtFields.Int(fields, pin1, "PIN1 retries", what, body),
            AtFields.Int(fields, puk1, "PUK1 retries", what, body),
            AtFields.Int(fields, pin2, "PIN2 retries", what, body),
            AtFields.Int(fields, puk2, "PUK2 retries", what, body));
    }
}
