using System.Text.RegularExpressions;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Usb.Text;

/// <summary>
/// Reads the line format of <c>/sys/kernel/debug/usb/devices</c> (formerly /proc/bus/usb/devices)
/// and of the <c>usb-devices</c> script, which prints the same records from sysfs:
/// <code>
/// T:  Bus=01 Lev=02 Prnt=02 Port=02 Cnt=01 Dev#=  3 Spd=480  MxCh= 0   topology, starts a device
/// D:  Ver= 2.00 Cls=00(>ifc ) Sub=00 Prot=00 MxPS=64 #Cfgs=  1          device descriptor
/// P:  Vendor=1e0e ProdID=9011 Rev= 3.18                                 ids
/// S:  Manufacturer=SimTech, Incorporated                                strings
/// C:* #Ifs= 7 Cfg#= 1 Atr=a0 MxPwr=500mA                                configuration, * = active
/// A:  FirstIf#= 0 IfCount= 2 Cls=02(comm.) Sub=06 Prot=00               interface association
/// I:* If#= 0 Alt= 0 #EPs= 1 Cls=02(comm.) Sub=02 Prot=ff Driver=(none)  interface, * = active alt
/// E:  Ad=82(I) Atr=03(Int.) MxPS=   8 Ivl=32ms                          endpoint
/// </code>
/// debugfs lists every configuration; usb-devices lists only the active one, without stars, may print
/// interface numbers in hex (<c>If#=0x4</c>) and newer versions leave out the E: lines.
/// Pasted text is tolerated: lines without their "T:" prefix are recognised by their keys, white
/// space may be collapsed, and lines that are not records (forum text, kernel log) are skipped.
/// </summary>
public static partial class DevicesFileReader
{
    [GeneratedRegex(@"(?<key>[A-Za-z#]+)=\s*(?<value>[^\s(]*(?:\([^)]*\))?)")]
    private static partial Regex KeyValue();

    [GeneratedRegex(@"^(?<kind>[TDPSCAIE])\s?(?<star>\*)?:(?<star2>\*)?\s*(?<rest>.*)$")]
    private static partial Regex RecordLine();

    /// <summary>True when the text has at least one record this reader understands.</summary>
    public static bool LooksLikeDevicesFile(string text) =>
        DumpText.Lines(text).Any(l => Classify(l.Text) is { Kind: 'P' or 'T' or 'I' });

    /// <summary>Reads every device in the text.</summary>
    /// <exception cref="UsbFormatException">A record line is malformed; the message names the line.</exception>
    public static IReadOnlyList<UsbDevice> Read(string text, string sourceName)
    {
        var devices = new List<DeviceBuilder>();
        DeviceBuilder? device = null;
        foreach (var line in DumpText.Lines(text))
        {
            if (Classify(line.Text) is not { } record)
            {
                continue;
            }
            var fields = record.Kind == 'S' ? StringField(record.Remainder) : Fields(record.Remainder);
            if (record.Kind == 'T' || device is null || (record.Kind == 'D' && device.HasDescriptor))
            {
                device = new DeviceBuilder(sourceName, line.Number);
                devices.Add(device);
            }
            device.Apply(record.Kind, record.Active, fields, line.Number);
        }
        // A stray T: or S: line (a quoted fragment) makes no device.
        devices.RemoveAll(d => d.IsFragment);
        if (devices.Count == 0)
        {
            throw new UsbFormatException(sourceName, null, "no USB device records found (expected lines such as 'T:  Bus=01 ...' and 'P:  Vendor=1e0e ProdID=9011')");
        }
        DeviceTopology.AssignBusPaths(devices.Select(d => d.Topology).ToList());
        return devices.Select(d => d.Build()).ToArray();
    }

    private static Dictionary<string, string> Fields(string rest)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match match in KeyValue().Matches(rest))
        {
            fields.TryAdd(match.Groups["key"].Value, match.Groups["value"].Value);
        }
        return fields;
    }

    private static Dictionary<string, string> StringField(string rest)
    {
        var equals = rest.IndexOf('=', StringComparison.Ordinal);
        return equals <= 0
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { [rest[..equals].Trim()] = rest[(equals + 1)..].Trim() };
    }

    private static (char Kind, bool Active, string Remainder)? Classify(string text)
    {
        var match = RecordLine().Match(text);
        if (match.Success)
        {
            var kind = match.Groups["kind"].Value[0];
            var rest = match.Groups["rest"].Value;
            // "E: Unable to locate package", "A: paste your file", "C:\Users": a prefix alone is not a record.
            if (!HasKeyField(kind, rest))
            {
                return null;
            }
            var active = match.Groups["star"].Success || match.Groups["star2"].Success;
            return (kind, active, rest);
        }
        return InferKind(text) is { } inferred ? (inferred, false, text) : null;
    }

    /// <summary>The field every record of a kind carries.</summary>
    private static bool HasKeyField(char kind, string rest) => kind switch
    {
        'T' => rest.Contains("Bus=", StringComparison.Ordinal),
        'D' => rest.Contains("Ver=", StringComparison.Ordinal) || rest.Contains("Cls=", StringComparison.Ordinal),
        'P' => rest.Contains("Vendor=", StringComparison.Ordinal),
        'S' => rest.StartsWith("Manufacturer=", StringComparison.Ordinal) || rest.StartsWith("Product=", StringComparison.Ordinal) || rest.StartsWith("SerialNumber=", StringComparison.Ordinal),
        'C' => rest.Contains("Cfg#=", StringComparison.Ordinal),
        'A' => rest.Contains("FirstIf#=", StringComparison.Ordinal),
        'I' => rest.Contains("If#=", StringComparison.Ordinal),
        'E' => rest.Contains("Ad=", StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>A pasted line that lost its prefix is recognised by its leading key.</summary>
    private static char? InferKind(string text) => text switch
    {
        _ when text.StartsWith("Bus=", StringComparison.Ordinal) && text.Contains("Lev=", StringComparison.Ordinal) => 'T',
        _ when text.StartsWith("Ver=", StringComparison.Ordinal) && text.Contains("#Cfgs=", StringComparison.Ordinal) => 'D',
        _ when text.StartsWith("Vendor=", StringComparison.Ordinal) && text.Contains("ProdID=", StringComparison.Ordinal) => 'P',
        _ when text.StartsWith("#Ifs=", StringComparison.Ordinal) => 'C',
        _ when text.StartsWith("FirstIf#=", StringComparison.Ordinal) => 'A',
        _ when text.StartsWith("If#=", StringComparison.Ordinal) => 'I',
        _ when text.StartsWith("Ad=", StringComparison.Ordinal) && text.Contains("Atr=", StringComparison.Ordinal) => 'E',
        _ => null,
    };
}
