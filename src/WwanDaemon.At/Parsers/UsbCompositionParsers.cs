using System.Globalization;

namespace WwanDaemon.At.Parsers;

/// <summary>The network function of a Quectel AT+QCFG="usbnet" mode.</summary>
public enum QuectelUsbNet
{
    /// <summary>0: RmNet, QMI on qmi_wwan (and PPP).</summary>
    RmNet = 0,
    Ecm = 1,
    Mbim = 2,
    Rndis = 3,

    /// <summary>5: NCM, on the RM5xx 5G modules.</summary>
    Ncm = 5,
}

/// <summary>The Sierra Wireless AT!USBCOMP? answer.</summary>
/// <param name="ConfigIndex">"Config Index".</param>
/// <param name="ConfigType">"Config Type" number (1 = Generic).</param>
/// <param name="InterfaceBitmask">The interface bitmask (bit 0 diag, 2 nmea, 3 modem, 8 rmnet0, 12 mbim, ...).</param>
/// <param name="Interfaces">The interface names the firmware lists after the mask, e.g. diag, nmea, modem, mbim.</param>
public sealed record SierraUsbComposition(int ConfigIndex, int ConfigType, uint InterfaceBitmask, IReadOnlyList<string> Interfaces);

/// <summary>A u-blox AT+UUSBCONF? answer.</summary>
/// <param name="Profile">The profile id (0 default, 2 ECM, 3 RNDIS on TOBY/LARA-R2).</param>
/// <param name="Name">The profile name ("ECM", "RNDIS", empty for the default).</param>
/// <param name="ProductId">The USB product id the profile enumerates with.</param>
public sealed record UbloxUsbProfile(int Profile, string Name, ushort? ProductId);

/// <summary>
/// The vendor commands that switch a modem's USB composition, read side (what is configured now).
/// The commands to write are in the knowledge base (data/knowledge-base/curated.json).
/// </summary>
public static class UsbCompositionParsers
{
    /// <summary>
    /// Quectel "+QCFG: \"usbnet\",&lt;n&gt;" (Quectel UMTS/LTE/5G Linux USB Driver User Guide, AT+QCFG="usbnet").
    /// Unknown numbers throw: switching on a misread mode could cut the host off the AT port.
    /// </summary>
    public static QuectelUsbNet ParseQuectelUsbNet(IReadOnlyList<string> lines)
    {
        var body = AtFields.SingleBody(lines, "+QCFG:", "+QCFG=\"usbnet\"");
        var fields = AtFields.Split(body);
        if (fields.Count < 2 || !string.Equals(fields[0].Text, "usbnet", StringComparison.OrdinalIgnoreCase))
        {
            throw new AtProtocolException($"+QCFG=\"usbnet\": expected '\"usbnet\",<mode>', got '{AtFields.Shorten(body)}'");
        }
        var mode = AtFields.Int(fields, 1, "usbnet mode", "+QCFG=\"usbnet\"", body);
        return Enum.IsDefined((QuectelUsbNet)mode)
            ? (QuectelUsbNet)mode
            : throw new AtProtocolException($"+QCFG=\"usbnet\": mode {mode} is not one of 0 (RmNet), 1 (ECM), 2 (MBIM), 3 (RNDIS), 5 (NCM)");
    }

    /// <summary>
    /// SIMCom "+CUSBPIDSWITCH: &lt;pid&gt;", the current USB product id (SIM7500_SIM7600 Series AT Command
    /// Manual, Version 1.12, 2019-10-25, §4.23 "AT+CUSBPIDSWITCH Change module's PID"; its example
    /// answer is "+CUSBPIDSWITCH: 9001", the default).
    /// </summary>
    public static ushort ParseSimcomPid(IReadOnlyList<string> lines)
    {
        var body = AtFields.SingleBody(lines, "+CUSBPIDSWITCH:", "+CUSBPIDSWITCH");
        var fields = AtFields.Split(body);
        var text = fields.Count > 0 ? fields[0].Text : "";
        return text.Length == 4 && ushort.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var pid)
            ? pid
            : throw new AtProtocolException($"+CUSBPIDSWITCH: expected a 4-digit hexadecimal product id, got '{AtFields.Shorten(body)}'");
    }

    /// <summary>
    /// SIMCom AT+CUSBPIDSWITCH=? : the product ids the firmware can switch to, then the two reserved
    /// flags (SIM7500_SIM7600 Series AT Command Manual, Version 1.12, 2019-10-25, §4.23, test command:
    /// "(9000,9001,...,902B),(0-1),(0-1)").
    /// </summary>
    public static IReadOnlyList<ushort> ParseSimcomPidChoices(IReadOnlyList<string> lines)
    {
        var body = AtFields.SingleBody(lines, "+CUSBPIDSWITCH:", "+CUSBPIDSWITCH=?");
        var fields = AtFields.Split(body);
        if (fields.Count == 0 || !fields[0].Text.StartsWith('(') || !fields[0].Text.EndsWith(')'))
        {
            throw new AtProtocolException($"+CUSBPIDSWITCH=?: expected '(<pid>,...),...', got '{AtFields.Shorten(body)}'");
        }
        return fields[0].Text[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(text =>
            text.Length == 4 && ushort.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var pid)
                ? pid
                : throw new AtProtocolException($"+CUSBPIDSWITCH=?: '{text}' is not a 4-digit hexadecimal product id")).ToArray();
    }

    /// <summary>
    /// Telit "#USBCFG: &lt;mode&gt;". The meaning of each mode is per product, in the knowledge base. No Telit
    /// AT Commands Reference Guide could be read down to its #USBCFG section with the search tools, so
    /// no version or section is cited here (tests/fixtures/at-replies/README.md says what was searched);
    /// the reply form is the one of the MultiTech (Telit LE910) walkthrough fixture.
    /// </summary>
    public static int ParseTelitUsbConfiguration(IReadOnlyList<string> lines)
    {
        var body = AtFields.SingleBody(lines, "#USBCFG:", "#USBCFG");
        var fields = AtFields.Split(body);
        return fields.Count == 1
            ? AtFields.Int(fields, 0, "<mode>", "#USBCFG", body)
            : throw new AtProtocolException($"#USBCFG: expected one mode number, got '{AtFields.Shorten(body)}'");
    }

    /// <summary>
    /// Sierra AT!USBCOMP?, three lines as EM7455 and EM7565 logs show them (no Sierra AT command
    /// reference could be read down to its !USBCOMP section with the search tools, so no version or
    /// section is cited; tests/fixtures/at-replies/README.md says what was searched):
    /// <code>
    ///   Config Index: 1
    ///   Config Type:  1 (Generic)
    ///   Interface bitmask: 0000100D (diag,nmea,modem,mbim)
    /// </code>
    /// Some front ends (RouterOS at-chat) join them into one line; both are read.
    /// </summary>
    public static SierraUsbComposition ParseSierraUsbComposition(IReadOnlyList<string> lines)
    {
        var text = string.Join(' ', lines.Select(line => line.Trim()));
        var index = NumberAfter(text, "Config Index:");
        var type = NumberAfter(text, "Config Type:");
        var maskAt = text.IndexOf("Interface bitmask:", StringComparison.OrdinalIgnoreCase);
        if (index is null || type is null || maskAt < 0)
        {
            throw new AtProtocolException($"!USBCOMP: expected 'Config Index', 'Config Type' and 'Interface bitmask', got '{AtFields.Shorten(text)}'");
        }
        var rest = text[(maskAt + "Interface bitmask:".Length)..].Trim();
        var maskText = new string(rest.TakeWhile(char.IsAsciiHexDigit).ToArray());
        if (maskText.Length is 0 or > 8 || !uint.TryParse(maskText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mask))
        {
            throw new AtProtocolException($"!USBCOMP: the interface bitmask in '{AtFields.Shorten(rest)}' is not up to 8 hexadecimal digits");
        }
        var open = rest.IndexOf('(', StringComparison.Ordinal);
        var close = rest.IndexOf(')', StringComparison.Ordinal);
        var names = open >= 0 && close > open
            ? rest[(open + 1)..close].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
        return new SierraUsbComposition(index.Value, type.Value, mask, names);
    }

    /// <summary>u-blox "+UUSBCONF: &lt;id&gt;,&lt;name&gt;,,&lt;pid&gt;" (u-blox AT Commands Manual, +UUSBCONF).</summary>
    public static UbloxUsbProfile ParseUbloxUsbProfile(IReadOnlyList<string> lines)
    {
        var body = AtFields.SingleBody(lines, "+UUSBCONF:", "+UUSBCONF");
        var fields = AtFields.Split(body);
        var profile = AtFields.Int(fields, 0, "<id>", "+UUSBCONF", body);
        var pidText = AtFields.OptionalString(fields, 3);
        ushort? pid = pidText is not null && pidText.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && ushort.TryParse(pidText[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) ? value : null;
        return new UbloxUsbProfile(profile, AtFields.OptionalString(fields, 1) ?? "", pid);
    }

    private static int? NumberAfter(string text, string label)
    {
        var at = text.IndexOf(label, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }
        var digits = new string(text[(at + label.Length)..].TrimStart().TakeWhile(char.IsAsciiDigit).ToArray());
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
