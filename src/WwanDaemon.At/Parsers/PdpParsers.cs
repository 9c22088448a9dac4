using System.Net;

namespace WwanDaemon.At.Parsers;

/// <summary>One defined PDP context (AT+CGDCONT?).</summary>
public sealed record PdpContext(int Cid, string PdpType, string Apn, string? Address, int? DataCompression, int? HeaderCompression);

/// <summary>One line of AT+CGDCONT=?: the context ids usable with a PDP type.</summary>
public sealed record PdpContextRange(string PdpType, IReadOnlyList<(int Min, int Max)> Cids);

/// <summary>A context's activation state (AT+CGACT?).</summary>
public sealed record PdpContextState(int Cid, bool Active);

/// <summary>A context's addresses (AT+CGPADDR); null where none is assigned.</summary>
public sealed record PdpAddresses(int Cid, IPAddress? Ipv4, IPAddress? Ipv6);

/// <summary>
/// A context's dynamic parameters (AT+CGCONTRDP, TS 27.007 §10.1.23). For IPv6 the subnet mask is
/// the prefix mask written as an address.
/// </summary>
public sealed record PdpDynamicParameters(int Cid, int BearerId, string Apn, IPAddress? Address, IPAddress? SubnetMask, IPAddress? Gateway, IPAddress? PrimaryDns, IPAddress? SecondaryDns);

/// <summary>The packet-domain commands: +CGDCONT (§10.1.1), +CGACT (§10.1.10), +CGPADDR (§10.1.14), +CGCONTRDP (§10.1.23).</summary>
public static class PdpParsers
{
    /// <summary>"+CGDCONT: &lt;cid&gt;,&lt;PDP_type&gt;,&lt;APN&gt;,&lt;PDP_addr&gt;,&lt;d_comp&gt;,&lt;h_comp&gt;[,...]" per line; no lines means no contexts.</summary>
    public static IReadOnlyList<PdpContext> ParseContexts(IReadOnlyList<string> lines) =>
        AtFields.Bodies(lines, "+CGDCONT:").Select(body =>
        {
            var fields = AtFields.Split(body);
            var cid = AtFields.Int(fields, 0, "<cid>", "+CGDCONT", body);
            var type = AtFields.OptionalString(fields, 1) ?? throw new AtProtocolException($"+CGDCONT: context {cid} has no PDP type in '{AtFields.Shorten(body)}'");
            return new PdpContext(cid, type.ToUpperInvariant(), AtFields.OptionalString(fields, 2) ?? "", AtFields.OptionalString(fields, 3),
                AtFields.LenientInt(fields, 4), AtFields.LenientInt(fields, 5));
        }).ToArray();

    /// <summary>
    /// "+CGDCONT: (1-16),\"IP\",,,(0-2),(0-4)" per PDP type. A line with an empty context id range
    /// (Thuraya: "+CGDCONT: , \"PPP\" ,,, (0-2),(0-3)") offers no usable context and is skipped;
    /// a range that is present but unreadable throws.
    /// </summary>
    public static IReadOnlyList<PdpContextRange> ParseContextRanges(IReadOnlyList<string> lines)
    {
        var bodies = AtFields.Bodies(lines, "+CGDCONT:");
        if (bodies.Count == 0)
        {
            throw new AtProtocolException($"+CGDCONT=?: no '+CGDCONT:' line in the response ({AtFields.Describe(lines)})");
        }
        return bodies.Select(AtFields.Split).Where(fields => fields.Count == 0 || !fields[0].IsEmpty).Select(fields =>
        {
            var body = string.Join(',', fields);
            if (fields.Count < 2)
            {
                throw new AtProtocolException($"+CGDCONT=?: '{AtFields.Shorten(body)}' has no PDP type");
            }
            var type = AtFields.OptionalString(fields, 1) ?? throw new AtProtocolException($"+CGDCONT=?: '{AtFields.Shorten(body)}' has no PDP type");
            return new PdpContextRange(type.ToUpperInvariant(), AtFields.Ranges(fields[0].Text, "<cid> range", "+CGDCONT=?"));
        }).ToArray();
    }

    /// <summary>"+CGACT: &lt;cid&gt;,&lt;state&gt;" per line.</summary>
    public static IReadOnlyList<PdpContextState> ParseActivation(IReadOnlyList<string> lines) =>
        AtFields.Bodies(lines, "+CGACT:").Select(body =>
        {
            var fields = AtFields.Split(body);
            var cid = AtFields.Int(fields, 0, "<cid>", "+CGACT", body);
            var state = AtFields.Int(fields, 1, "<state>", "+CGACT", body);
            return state <= 1 ? new PdpContextState(cid, state == 1) : throw new AtProtocolException($"+CGACT: <state> {state} of context {cid} is neither 0 nor 1");
        }).ToArray();

    /// <summary>"+CGPADDR: &lt;cid&gt;[,&lt;PDP_addr_1&gt;[,&lt;PDP_addr_2&gt;]]" per line; addresses in dotted or colon form.</summary>
    public static IReadOnlyList<PdpAddresses> ParseAddresses(IReadOnlyList<string> lines) =>
        AtFields.Bodies(lines, "+CGPADDR:").Select(body =>
        {
            var fields = AtFields.Split(body);
            var cid = AtFields.Int(fields, 0, "<cid>", "+CGPADDR", body);
            IPAddress? v4 = null;
            IPAddress? v6 = null;
            foreach (var field in fields.Skip(1).Where(f => !f.IsEmpty))
            {
                var address = IpAddresses.Parse(field.Text, "+CGPADDR");
                if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
                {
                    v4 = IsUnspecified(address) ? v4 : address;
                }
                else
                {
                    v6 = IsUnspecified(address) ? v6 : address;
                }
            }
            return new PdpAddresses(cid, v4, v6);
        }).ToArray();

    /// <summary>
    /// "+CGCONTRDP: &lt;cid&gt;,&lt;bearer_id&gt;,&lt;apn&gt;[,&lt;local_addr and subnet_mask&gt;[,&lt;gw_addr&gt;[,&lt;DNS_prim&gt;[,&lt;DNS_sec&gt;[,...]]]]]" per line.
    /// The address and mask come as one dotted value (8 or 32 numbers, TS 27.007 §10.1.23), or, on
    /// some firmware, as two values: address, then mask. Unspecified addresses (0.0.0.0, ::) are null.
    /// </summary>
    public static IReadOnlyList<PdpDynamicParameters> ParseDynamicParameters(IReadOnlyList<string> lines)
    {
        var bodies = AtFields.Bodies(lines, "+CGCONTRDP:");
        if (bodies.Count == 0)
        {
            throw new AtProtocolException($"+CGCONTRDP: no '+CGCONTRDP:' line in the response ({AtFields.Describe(lines)})");
        }
        return bodies.Select(body =>
        {
            var fields = AtFields.Split(body);
            var cid = AtFields.Int(fields, 0, "<cid>", "+CGCONTRDP", body);
            var bearer = AtFields.Int(fields, 1, "<bearer_id>", "+CGCONTRDP", body);
            if (fields.Count < 3)
            {
                throw new AtProtocolException($"+CGCONTRDP: '{AtFields.Shorten(body)}' has no APN");
            }
            var apn = fields[2].Text;
            IPAddress? address = null;
            IPAddress? mask = null;
            var next = 4;
            if (AtFields.OptionalString(fields, 3) is { } addressAndMask)
            {
                (address, mask) = IpAddresses.ParseWithMask(addressAndMask, "+CGCONTRDP");
                if (mask is null && AtFields.OptionalString(fields, 4) is { } maybeMask && IpAddresses.IsMask(maybeMask))
                {
                    mask = IpAddresses.Parse(maybeMask, "+CGCONTRDP");
                    next = 5;
                }
            }
            IPAddress? At(int index) => AtFields.OptionalString(fields, index) is { } text && IpAddresses.Parse(text, "+CGCONTRDP") is var ip && !IsUnspecified(ip) ? ip : null;
            return new PdpDynamicParameters(cid, bearer, apn, address is null || IsUnspecified(address) ? null : address, mask, At(next), At(next + 1), At(next + 2));
        }).ToArray();
    }

    private static bool IsUnspecified(IPAddress address) => address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any);
}
