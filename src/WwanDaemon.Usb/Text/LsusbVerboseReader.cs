using System.Globalization;
using System.Text.RegularExpressions;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Usb.Text;

/// <summary>
/// Reads <c>lsusb -v</c> output: one "name value [meaning]" field per line under section headings.
/// <code>
/// Bus 001 Device 003: ID 1e0e:9011 SimTech, Incorporated     starts a device (may be missing in a paste)
/// Device Descriptor:                                        idVendor 0x1e0e, bcdDevice 3.18, iProduct 2 ...
///   Configuration Descriptor:                               bConfigurationValue 1, bmAttributes 0xa0, MaxPower 500mA
///     Interface Association:                                bFirstInterface 0, bInterfaceCount 2, bFunctionClass 2 ...
///     Interface Descriptor:                                 bInterfaceNumber 0, bInterfaceClass 2 Communications ...
///       CDC MBIM:                                           wMaxControlMessage 4096 ...
///       Endpoint Descriptor:                                bEndpointAddress 0x82 EP 2 IN, bmAttributes 3 ...
/// </code>
/// Indentation is not relied on (pastes collapse it); the headings give the structure. lsusb shows
/// every configuration but not which one is active, the bound drivers or the speed.
/// </summary>
public static partial class LsusbVerboseReader
{
    [GeneratedRegex(@"^Bus\s+(?<bus>\d+)\s+Device\s+(?<device>\d+):\s+ID\s+(?<vid>[0-9a-fA-F]{4}):(?<pid>[0-9a-fA-F]{4})")]
    private static partial Regex BusLine();

    [GeneratedRegex(@"^(?<key>[A-Za-z][A-Za-z0-9]*)\s+(?<value>\S+)(?:\s+(?<meaning>.*))?$")]
    private static partial Regex FieldLine();

    /// <summary>True when the text looks like lsusb -v output.</summary>
    public static bool LooksLikeLsusb(string text) =>
        text.Contains("Device Descriptor:", StringComparison.Ordinal) && text.Contains("idVendor", StringComparison.Ordinal);

    /// <exception cref="UsbFormatException">A field is malformed; the message names the line.</exception>
    public static IReadOnlyList<UsbDevice> Read(string text, string sourceName)
    {
        var devices = new List<UsbModelBuilder>();
        var walker = new LsusbSectionWalker(sourceName);
        foreach (var line in DumpText.Lines(text))
        {
            var bus = BusLine().Match(line.Text);
            if (bus.Success || (line.Text == "Device Descriptor:" && (walker.Model is null || walker.SawDeviceDescriptor)))
            {
                walker.StartDevice();
                devices.Add(walker.Model!);
            }
            if (bus.Success || walker.Model is null)
            {
                continue;
            }
            if (line.Text.EndsWith(':') && !line.Text.Contains("  ", StringComparison.Ordinal))
            {
                walker.EnterSection(line.Text[..^1], line.Number);
            }
            else if (line.Text.StartsWith("UNRECOGNIZED CDC:", StringComparison.Ordinal) || line.Text.StartsWith("** UNRECOGNIZED:", StringComparison.Ordinal))
            {
                walker.UnrecognizedDescriptor(line.Text[(line.Text.IndexOf(':', StringComparison.Ordinal) + 1)..], line.Number);
            }
            else if (FieldLine().Match(line.Text) is { Success: true } field)
            {
                walker.Field(field.Groups["key"].Value, field.Groups["value"].Value, field.Groups["meaning"].Value, line.Number);
            }
        }
        if (devices.Count == 0)
        {
            throw new UsbFormatException(sourceName, null, "no 'Device Descriptor:' found in what looks like lsusb -v output");
        }
        return devices.Select(d => d.HasIds
            ? d.Build(driversKnown: false)
            : throw new UsbFormatException(sourceName, null, "a device has no idVendor/idProduct lines")).ToArray();
    }

    internal static ushort ParseBcdOrThrow(string value, Func<string, Exception> error) =>
        DumpText.TryBcd(value, out var bcd) ? bcd : throw error($"'{value}' is not a version like 1.00");

    /// <summary>A field's number (hex with 0x, else decimal, "500mA" for MaxPower), checked against the field's range.</summary>
    internal static int ParseNumber(string key, string value, Func<string, Exception> error, int max)
    {
        int number;
        if (value.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            number = DumpText.TryHex(value, out var hex) ? hex : throw error($"{key} '{value}' is not a hexadecimal number");
        }
        else
        {
            var digits = value.EndsWith("mA", StringComparison.Ordinal) ? value[..^2] : value;
            number = DumpText.TryDecimal(digits, out var parsed) ? parsed : throw error($"{key} '{value}' is not a number");
        }
        return number <= max ? number : throw error($"{key} {value} is out of range (0 to {max})");
    }
}
