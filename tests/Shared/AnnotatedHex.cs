using System.Globalization;

namespace WwanDaemon.Tests;

/// <summary>Bytes written as hex with per-field comments: "01 0f 00   // QMUX interface type, length" (tests/fixtures/qmi-frames, mbim-messages).</summary>
internal static class AnnotatedHex
{
    public static byte[] Parse(string text) => text
        .Split('\n')
        .Select(line => line.Split("//")[0])
        .SelectMany(line => line.Split([' ', '\t', '\r', ':'], StringSplitOptions.RemoveEmptyEntries))
        .Select(token => byte.Parse(token, NumberStyles.HexNumber, CultureInfo.InvariantCulture))
        .ToArray();
}
