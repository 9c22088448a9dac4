using System.Globalization;

namespace WwanDaemon.Usb.Text;

/// <summary>One line of pasted text, cleaned of what mail and forums add, with its 1-based number.</summary>
internal readonly record struct DumpLine(int Number, string Text);

/// <summary>Text helpers shared by the dump readers: line splitting that tolerates CRLF, indentation and
/// mail quoting, and the number forms dumps use.</summary>
internal static class DumpText
{
    /// <summary>Splits on LF, drops CR, leading white space and "&gt; " mail quote markers.</summary>
    public static IEnumerable<DumpLine> Lines(string text)
    {
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r', ' ', '\t');
            var start = 0;
            while (start < line.Length && (line[start] == ' ' || line[start] == '\t' || line[start] == '>' || line[start] == '\u00a0'))
            {
                start++;
            }
            yield return new DumpLine(number, line[start..]);
        }
    }

    public static bool TryHex(string text, out int value)
    {
        var digits = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        value = 0;
        // At most 7 digits: "ffffffff" would parse as -1.
        return digits.Length is > 0 and <= 7 && int.TryParse(digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Non-negative decimal numbers only: no field of a dump is negative.</summary>
    public static bool TryDecimal(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>A release number printed as "3.18" or "03.18" means BCD 0x0318.</summary>
    public static bool TryBcd(string text, out ushort value)
    {
        value = 0;
        var parts = text.Split('.');
        if (parts.Length != 2 || !TryHex(parts[0], out var major) || !TryHex(parts[1], out var minor) || major > 0xff || minor > 0xff)
        {
            return false;
        }
        value = (ushort)((major << 8) | minor);
        return true;
    }

    /// <summary>"2.00" for BCD 0x0200.</summary>
    public static string FormatBcd(ushort value) => Descriptors.UsbDescriptorParser.FormatBcd(value);
}
