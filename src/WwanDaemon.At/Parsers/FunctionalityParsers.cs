namespace WwanDaemon.At.Parsers;

/// <summary>+CFUN (TS 27.007 §8.2).</summary>
public static class FunctionalityParsers
{
    /// <summary>"+CFUN: &lt;fun&gt;" (TS 27.007 §8.2): 0 minimum, 1 full, 4 radio off, others vendor-defined.</summary>
    public static int ParseFunctionality(IReadOnlyList<string> lines)
    {
        var body = AtFields.SingleBody(lines, "+CFUN:", "+CFUN");
        return AtFields.Int(AtFields.Split(body), 0, "<fun>", "+CFUN", body);
    }
}
