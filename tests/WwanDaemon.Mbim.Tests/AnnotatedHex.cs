using System.Globalization;

namespace WwanDaemon.Mbim.Tests;

/// <summary>Bytes written as hex with per-field comments: "03 00 00 00   // MessageType COMMAND".</summary>
internal static class AnnotatedHex
{
    public static byte[] Parse(string text) => text
        .Split('\n')
        .Select(line => line.Split("//")[0])
        .SelectMany(line => line.Split([' ', '\t', '\r', ':'], StringSplitOptions.RemoveEmptyEntries))
        .Select(token => byte.Parse(token, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
        .ToArray();
}
