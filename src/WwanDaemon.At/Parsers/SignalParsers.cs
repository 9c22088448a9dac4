namespace WwanDaemon.At.Parsers;

/// <summary>+CSQ (TS 27.007 §8.5).</summary>
/// <param name="Rssi">0-31, or 99 when unknown.</param>
/// <param name="BitErrorRate">RXQUAL 0-7, or 99 when unknown.</param>
public sealed record SignalQuality(int Rssi, int BitErrorRate)
{
    /// <summary>0 is -113 dBm or less, 31 is -51 dBm or more, in 2 dB steps; null when unknown.</summary>
    public int? RssiDbm => Rssi is >= 0 and <= 31 ? -113 + (2 * Rssi) : null;
}

/// <summary>
/// +CESQ (TS 27.007 §8.69), each value converted to its unit; null where the modem says "not known
/// or not detectable" (99 for rxlev/ber, 255 otherwise).
/// </summary>
public sealed record ExtendedSignalQuality(int? RxLevDbm, int? BitErrorRate, int? RscpDbm, double? EcNoDb, double? RsrqDb, int? RsrpDbm, int? SsRsrpDbm, double? SsRsrqDb, double? SsSinrDb);

/// <summary>+CSQ and +CESQ.</summary>
public static class SignalParsers
{
    /// <summary>"+CSQ: &lt;rssi&gt;,&lt;ber&gt;".</summary>
    public static SignalQuality ParseCsq(IReadOnlyList<string> lines)
    {
        var body = AtFields.SingleBody(lines, "+CSQ:", "+CSQ");
        var fields = AtFields.Split(body);
        if (fields.Count != 2)
        {
            throw new AtProtocolException($"+CSQ: expected '<rssi>,<ber>', got '{AtFields.Shorten(body)}'");
        }
        var rssi = AtFields.Int(fields, 0, "<rssi>", "+CSQ", body);
        var ber = AtFields.Int(fields, 1, "<ber>", "+CSQ", body);
        // 100-199 are TD-SCDMA values of some Chinese firmware; anything else is not +CSQ.
        if (rssi is > 31 and not 99 and not (>= 100 and <= 199))
        {
            throw new AtProtocolException($"+CSQ: <rssi> {rssi} is neither 0-31 nor 99");
        }
        if (ber is > 7 and not 99)
        {
            throw new AtProtocolException($"+CSQ: <ber> {ber} is neither 0-7 nor 99");
        }
        return new SignalQuality(rssi, ber);
    }

    /// <summary>"+CESQ: &lt;rxlev&gt;,&lt;ber&gt;,&lt;rscp&gt;,&lt;ecno&gt;,&lt;rsrq&gt;,&lt;rsrp&gt;[,&lt;ss_rsrq&gt;,&lt;ss_rsrp&gt;,&lt;ss_sinr&gt;]".</summary>
    public static ExtendedSignalQuality ParseCesq(IReadOnlyList<string> lines)
    {
        var body = AtFields.SingleBody(lines, "+CESQ:", "+CESQ");
        var fields = AtFields.Split(body);
        if (fields.Count is not (6 or 9))
        {
            throw new AtProtocolException($"+CESQ: expected 6 values (9 with 5G), got {fields.Count} in '{AtFields.Shorten(body)}'");
        }
        int Value(int index, string name, int max, int unknown)
        {
            var value = AtFields.Int(fields, index, name, "+CESQ", body);
            return value <= max || value == unknown ? value : throw new AtProtocolException($"+CESQ: {name} {value} is outside 0-{max} and not {unknown} (unknown)");
        }
        var rxlev = Value(0, "<rxlev>", 63, 99);
        var ber = Value(1, "<ber>", 7, 99);
        var rscp = Value(2, "<rscp>", 96, 255);
        var ecno = Value(3, "<ecno>", 49, 255);
        var rsrq = Value(4, "<rsrq>", 34, 255);
        var rsrp = Value(5, "<rsrp>", 97, 255);
        int? ssRsrq = fields.Count == 9 ? Value(6, "<ss_rsrq>", 127, 255) : null;
        int? ssRsrp = fields.Count == 9 ? Value(7, "<ss_rsrp>", 126, 255) : null;
        int? ssSinr = fields.Count == 9 ? Value(8, "<ss_sinr>", 127, 255) : null;
        return new ExtendedSignalQuality(
            RxLevDbm: rxlev == 99 ? null : rxlev - 111,
            BitErrorRate: ber == 99 ? null : ber,
            RscpDbm: rscp == 255 ? null : rscp - 121,
            EcNoDb: ecno == 255 ? null : (ecno / 2.0) - 24.5,
            RsrqDb: rsrq == 255 ? null : (rsrq / 2.0) - 20,
            RsrpDbm: rsrp == 255 ? null : rsrp - 141,
            SsRsrpDbm: ssRsrp is null or 255 ? null : ssRsrp - 157,
            SsRsrqDb: ssRsrq is null or 255 ? null : (ssRsrq / 2.0) - 43.5,
            SsSinrDb: ssSinr is null or 255 ? null : (ssSinr / 2.0) - 23.5);
    }
}
