namespace WwanDaemon.At.Parsers;

/// <summary>One IP family's state of an AT-driven data call.</summary>
/// <param name="Family">"IPV4" or "IPV6" (Huawei), "V4" or "V6" ($QCRMCALL).</param>
/// <param name="Connected">Whether that family is up.</param>
public sealed record DataCallFamily(string Family, bool Connected);

/// <summary>
/// The order of the first two values of a Quectel +QNETDEVCTL answer. The two chipset families of
/// Quectel's AT-driven data call put &lt;op&gt; and &lt;cid&gt; the other way round, and the values alone cannot
/// tell which is which (both are small numbers), so the caller names the layout from the module
/// it has identified (AT+CGMM, USB product id) — the parser never guesses.
/// </summary>
/// <remarks>
/// Source: Quectel's QConnectManager Linux V1.6.8, atc.c (the AT data-call path its ReleaseNote
/// V1.6.0.26 gives for EC200U/EC200T/EC200S/RG801H/RG500U). It picks the order by whether the module
/// answers AT+QNETDEVSTATUS=? ("EC200T/EC100Y do not support this AT, but RG801/RG500U support") and
/// forces the first order for USB product 0x6007 (EG915Q/EG800Q in its device.c). The Qualcomm-based
/// modules (EC2x, EG2x, EM05, RM5xxQ) are driven over QMI or MBIM by QConnectManager, not through
/// atc.c; no source giving their +QNETDEVCTL order was found.
/// </remarks>
public enum QuectelNetDeviceLayout
{
    /// <summary>
    /// "+QNETDEVCTL: &lt;op&gt;,&lt;cid&gt;,&lt;urc_en&gt;,&lt;state&gt;", written as AT+QNETDEVCTL=&lt;op&gt;,&lt;cid&gt;,&lt;urc_en&gt;:
    /// the ASR-based "LTE Standard" modules (QConnectManager's "asr_style" path: EC200T, EC100Y, and
    /// product 0x6007 EG915Q/EG800Q), whose read answer atc.c parses in this order.
    /// </summary>
    OperationFirst,

    /// <summary>
    /// "+QNETDEVCTL: &lt;cid&gt;,&lt;op&gt;,&lt;urc_en&gt;,&lt;state&gt;", written as AT+QNETDEVCTL=&lt;cid&gt;,&lt;op&gt;,&lt;urc_en&gt;:
    /// the UNISOC-based modules QConnectManager names (RG500U, RG801; RM500U is on the same UNISOC
    /// platform but not named there). The 5G module in QConnectManager's shipped log answers
    /// AT+QNETDEVCTL=? with "(1-11),(0,1),(0,1)", the context range first. The read answer in this
    /// order is taken from that write and test order; no Quectel manual printing it was found
    /// (tests/fixtures/at-replies/README.md).
    /// </summary>
    ContextFirst,
}

/// <summary>Quectel AT+QNETDEVCTL? : which context the network device is bound to.</summary>
/// <param name="Operation">The &lt;op&gt; last set (0 disconnect, 1 connect, 2 auto-connect, 3 connect and auto-reconnect).</param>
/// <param name="Cid">The bound context, 0 when none.</param>
/// <param name="UnsolicitedEnabled">Whether +QNETDEVSTATUS URCs are on.</param>
/// <param name="Connected">The &lt;state&gt;: 1 when the call is up.</param>
public sealed record QuectelNetDeviceState(int Operation, int Cid, bool UnsolicitedEnabled, bool Connected);

/// <summary>
/// Data calls on compositions without QMI or MBIM control (ECM, RNDIS, NCM data with AT control):
/// Qualcomm/SIMCom $QCRMCALL, Quectel +QNETDEVCTL, Huawei ^NDISDUP/^NDISSTATQRY.
/// </summary>
public static class DataCallParsers
{
    /// <summary>
    /// "$QCRMCALL: 1,V4" lines, one per family that is up; no lines means no call is up. The form
    /// comes from the public logs in the fixtures: no vendor manual section printing the read answer
    /// was located (not in the chapters of the SIM7500_SIM7600 Series AT Command Manual V1.12 that
    /// were read; tests/fixtures/at-replies/README.md says what was searched).
    /// </summary>
    public static IReadOnlyList<DataCallFamily> ParseQcrmcall(IReadOnlyList<string> lines) =>
        AtFields.Bodies(lines, "$QCRMCALL:").Select(body =>
        {
            var fields = AtFields.Split(body);
            var state = AtFields.Int(fields, 0, "<status>", "$QCRMCALL", body);
            var family = AtFields.OptionalString(fields, 1)?.ToUpperInvariant();
            return family is "V4" or "V6" && state <= 1
                ? new DataCallFamily(family, state == 1)
                : throw new AtProtocolException($"$QCRMCALL: expected '<0|1>,V4' or '<0|1>,V6', got '{AtFields.Shorten(body)}'");
        }).ToArray();

    /// <summary>
    /// Quectel AT+QNETDEVCTL? in the given <paramref name="layout"/>:
    /// <code>
    ///   OperationFirst:  +QNETDEVCTL: &lt;op&gt;,&lt;cid&gt;,&lt;urc_en&gt;,&lt;state&gt;     e.g. "+QNETDEVCTL: 3,1,0,1"
    ///   ContextFirst:    +QNETDEVCTL: &lt;cid&gt;,&lt;op&gt;,&lt;urc_en&gt;,&lt;state&gt;     e.g. "+QNETDEVCTL: 1,3,0,1"
    ///   &lt;op&gt; 0..3, &lt;urc_en&gt; 0|1, &lt;state&gt; 0|1 in both
    /// </code>
    /// A reply that does not fit the layout throws; one that fits both is read as the layout says.
    /// </summary>
    public static QuectelNetDeviceState ParseQuectelNetDevice(IReadOnlyList<string> lines, QuectelNetDeviceLayout layout)
    {
        var (operationAt, cidAt, expected) = layout switch
        {
            QuectelNetDeviceLayout.OperationFirst => (0, 1, "<op>,<cid>,<urc_en>,<state>"),
            QuectelNetDeviceLayout.ContextFirst => (1, 0, "<cid>,<op>,<urc_en>,<state>"),
            _ => throw new ArgumentOutOfRangeException(nameof(layout), layout, "not a +QNETDEVCTL layout"),
        };
        var body = AtFields.SingleBody(lines, "+QNETDEVCTL:", "+QNETDEVCTL");
        var fields = AtFields.Split(body);
        if (fields.Count != 4)
        {
            throw new AtProtocolException($"+QNETDEVCTL: expected '{expected}' ({layout}), got '{AtFields.Shorten(body)}'");
        }
        var operation = AtFields.Int(fields, operationAt, "<op>", "+QNETDEVCTL", body);
        var cid = AtFields.Int(fields, cidAt, "<cid>", "+QNETDEVCTL", body);
        var urc = AtFields.Int(fields, 2, "<urc_en>", "+QNETDEVCTL", body);
        var state = AtFields.Int(fields, 3, "<state>", "+QNETDEVCTL", body);
        if (urc > 1 || state > 1)
        {
            throw new AtProtocolException($"+QNETDEVCTL: <urc_en> and <state> must be 0 or 1 in '{AtFields.Shorten(body)}'");
        }
        return operation <= 3
            ? new QuectelNetDeviceState(operation, cid, urc == 1, state == 1)
            : throw new AtProtocolException($"+QNETDEVCTL: <op> {operation} is not 0-3 in '{AtFields.Shorten(body)}' read as '{expected}' ({layout}); check that the layout matches the module's chipset");
    }

    /// <summary>
    /// Huawei ^NDISSTATQRY? answers and ^NDISSTAT URCs: "&lt;stat&gt;,[&lt;err&gt;],[&lt;wx_state&gt;],&lt;PDP_type&gt;"
    /// per family, either one family per line or both on one line ("1,,,\"IPV4\",0,,,\"IPV6\""), as the
    /// ModemManager test replies show. Of the Huawei AT Command Interface Specifications found (HUAWEI
    /// ME909s Series LTE Module, V100R001 Issue 03, 2019-03-13; HUAWEI MU709 Series HSPA+ Module,
    /// V100R002 Issue 03, 2015-05-13) only the title pages could be read; where they define
    /// ^NDISDUP/^NDISSTATQRY was not verified, so no section is cited.
    /// </summary>
    public static IReadOnlyList<DataCallFamily> ParseHuaweiNdisState(IReadOnlyList<string> lines)
    {
        var families = new List<DataCallFamily>();
        foreach (var line in lines.Select(l => l.Trim()).Where(l => l.Length > 0))
        {
            var prefix = line.StartsWith("^NDISSTATQRY:", StringComparison.OrdinalIgnoreCase) ? "^NDISSTATQRY:"
                : line.StartsWith("^NDISSTAT:", StringComparison.OrdinalIgnoreCase) ? "^NDISSTAT:"
                : throw new AtProtocolException($"^NDISSTATQRY: unexpected line '{AtFields.Shorten(line)}'");
            var fields = AtFields.Split(AtFields.Body(line, prefix, prefix));
            if (fields.Count == 0 || fields.Count % 4 != 0)
            {
                throw new AtProtocolException($"^NDISSTATQRY: expected groups of '<stat>,<err>,<wx_state>,<PDP_type>', got {fields.Count} values in '{AtFields.Shorten(line)}'");
            }
            for (var group = 0; group < fields.Count; group += 4)
            {
                var stat = AtFields.Int(fields, group, "<stat>", "^NDISSTATQRY", line);
                var family = fields[group + 3].Text.ToUpperInvariant();
                if (stat > 1 || family is not ("IPV4" or "IPV6"))
                {
                    throw new AtProtocolException($"^NDISSTATQRY: expected <stat> 0 or 1 and a PDP type IPV4 or IPV6, got '{AtFields.Shorten(line)}'");
                }
                families.Add(new DataCallFamily(family, stat == 1));
            }
        }
        return families.Count > 0 ? families : throw new AtProtocolException("^NDISSTATQRY: the response is empty");
    }
}
