using System.Globalization;
using System.Net;

namespace WwanDaemon.At.Parsers;

/// <summary>
/// Addresses as TS 27.007 writes them: IPv4 dotted ("10.0.0.1"), IPv6 as 16 dotted decimal bytes
/// ("32.1.13.184.0.0...") when +CGPIAF is at its default, or in colon form when +CGPIAF=1 is set.
/// </summary>
internal static class IpAddresses
{
    public static IPAddress Parse(string text, string what)
    {
        var value = text.Trim().Trim('"');
        if (value.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(value, out var colon))
        {
            return colon;
        }
        var bytes = DottedBytes(value);
        return bytes?.Length is 4 or 16
            ? new IPAddress(bytes)
            : throw new AtProtocolException($"{what}: '{AtFields.Shorten(value)}' is neither an IPv4 nor an IPv6 address");
    }

    /// <summary>"a.b.c.d.m.m.m.m" (8 bytes) or 32 bytes: address and mask; 4 or 16 bytes or colon form: address only.</summary>
    public static (IPAddress Address, IPAddress? Mask) ParseWithMask(string text, string what)
    {
        var value = text.Trim().Trim('"');
        var bytes = value.Contains(':', StringComparison.Ordinal) ? null : DottedBytes(value);
        return bytes?.Length switch
        {
            8 => (new IPAddress(bytes[..4]), new IPAddress(bytes[4..])),
            32 => (new IPAddress(bytes[..16]), new IPAddress(bytes[16..])),
            _ => (Parse(value, what), null),
        };
    }

    /// <summary>A dotted IPv4 mask: ones then zeros.</summary>
    public static bool IsMask(string text)
    {
        var bytes = DottedBytes(text.Trim().Trim('"'));
        if (bytes is not { Length: 4 })
        {
            return false;
        }
        var bits = ((uint)bytes[0] << 24) | ((uint)bytes[1] << 16) | ((uint)bytes[2] << 8) | bytes[3];
        return bits != 0 && (~bits & (~bits + 1)) == 0;
    }

    private static byte[]? DottedBytes(string value)
    {
        var parts = value.Split('.');
        var bytes = new byte[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!byte.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out bytes[i]))
            {
                return null;
            }
        }
        return bytes;
    }
}
