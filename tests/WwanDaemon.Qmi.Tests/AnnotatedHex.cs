using System.Globalization;

namespace WwanDaemon.Qmi.Tests;

/// <summary>Bytes written as hex with per-field comments: "01 0f 00   // interface type, length".</summary>
internal static class AnnotatedHex
{
    public static byte[] Parse(string text) => text
        .Split('\n')
        .Select(line => line.Split("//")[0])
        .SelectMany(line => line.Split([' ', '\t', '\r', ':'], StringSplitOptions.RemoveEmptyEntries))
        .Select(token => byte.Parse(token, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
        .ToArray();
}
