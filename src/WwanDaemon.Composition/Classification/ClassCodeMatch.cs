using System.Globalization;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Classification;

/// <summary>Matches knowledge-base class codes (hex text, null = any) against an interface's triple.</summary>
internal static class ClassCodeMatch
{
    public static bool Matches(string? @class, string? subclass, string? protocol, UsbClassTriple triple) =>
        MatchesByte(@class, triple.Class) && MatchesByte(subclass, triple.Subclass) && MatchesByte(protocol, triple.Protocol);

    private static bool MatchesByte(string? hex, byte value) =>
        hex is null || (byte.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var expected) && expected == value);
}
