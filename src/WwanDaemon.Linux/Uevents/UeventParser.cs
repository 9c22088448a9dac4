using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace WwanDaemon.Linux.Uevents;

/// <summary>
/// Parses one datagram from the NETLINK_KOBJECT_UEVENT socket. Pure: bytes in, an event or a reason out.
/// <para>The kernel's format (lib/kobject_uevent.c, kobject_uevent_env and uevent_net_broadcast):</para>
/// <code>
/// "add@/devices/pci0000:00/0000:00:14.0/usb2/2-6/2-6:3.0\0"   header: ACTION@DEVPATH
/// "ACTION=add\0" "DEVPATH=/devices/...\0" "SUBSYSTEM=usb\0"   then KEY=VALUE fields, each NUL-terminated
/// "DEVTYPE=usb_interface\0" ... "SEQNUM=1234\0"
/// </code>
/// <para>udevd re-broadcasts processed events on netlink group 2 in its own format (systemd
/// src/libsystemd/sd-device/device-monitor.c, struct monitor_netlink_header), also parsed here so a
/// socket bound to that group works too:</para>
/// <code>
/// offset 0  char[8]  "libudev\0"
///        8  be32     magic 0xfeedcafe
///       12  u32      header_size          (host byte order, as all fields below)
///       16  u32      properties_off       KEY=VALUE\0 fields, as the kernel's
///       20  u32      properties_len
///       24  u32 x4   filter hashes and tag bloom (ignored)
/// </code>
/// </summary>
public static class UeventParser
{
    /// <summary>The prefix of udevd's messages.</summary>
    public static ReadOnlySpan<byte> LibudevPrefix => "libudev\0"u8;

    /// <summary>The magic after the prefix, big-endian on the wire (device-monitor.c UDEV_MONITOR_MAGIC).</summary>
    public const uint LibudevMagic = 0xfeedcafe;

    private const int LibudevHeaderMinimum = 24;

    /// <summary>Parses <paramref name="datagram"/>; on failure <paramref name="error"/> says what is wrong with it.</summary>
    public static bool TryParse(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out Uevent? uevent, [NotNullWhen(false)] out string? error)
    {
        uevent = null;
        if (datagram.IsEmpty)
        {
            error = "empty datagram";
            return false;
        }
        if (datagram.StartsWith(LibudevPrefix))
        {
            return TryParseLibudev(datagram, out uevent, out error);
        }
        var headerEnd = datagram.IndexOf((byte)0);
        if (headerEnd < 0)
        {
            error = $"the header '{Printable(datagram)}' has no terminating NUL (truncated datagram?)";
            return false;
        }
        var header = Encoding.UTF8.GetString(datagram[..headerEnd]);
        var at = header.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == header.Length - 1)
        {
            error = $"the header '{Printable(header)}' is not ACTION@DEVPATH";
            return false;
        }
        if (!TryParseProperties(datagram[(headerEnd + 1)..], out var properties, out error))
        {
            return false;
        }
        if (!TryParseAction(header[..at], out var action, out error))
        {
            return false;
        }
        var devPath = header[(at + 1)..];
        if (properties.TryGetValue("DEVPATH", out var devPathField) && devPathField != devPath)
        {
            error = $"the header names '{devPath}' but DEVPATH is '{devPathField}'";
            return false;
        }
        if (properties.TryGetValue("ACTION", out var actionField) && actionField != header[..at])
        {
            error = $"the header says '{header[..at]}' but ACTION is '{actionField}'";
            return false;
        }
        return TryBuild(action, devPath, properties, out uevent, out error);
    }

    /// <summary>Parses <paramref name="datagram"/> or throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static Uevent Parse(ReadOnlySpan<byte> datagram) =>
        TryParse(datagram, out var uevent, out var error) ? uevent : throw new FormatException($"Not a kernel uevent: {error}.");

    private static bool TryParseLibudev(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out Uevent? uevent, [NotNullWhen(false)] out string? error)
    {
        uevent = null;
        if (datagram.Length < LibudevHeaderMinimum)
        {
            error = $"a libudev message of {datagram.Length} bytes is shorter than its {LibudevHeaderMinimum}-byte header (truncated)";
            return false;
        }
        var magic = BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]);
        if (magic != LibudevMagic)
        {
            error = $"a libudev message with magic 0x{magic:x8}, not 0x{LibudevMagic:x8}";
            return false;
        }
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(datagram[16..]);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(datagram[20..]);
        if (offset < LibudevHeaderMinimum || offset > (uint)datagram.Length || length > (uint)datagram.Length - offset)
        {
            error = $"a libudev message says its properties are {length} bytes at offset {offset}, but it is {datagram.Length} bytes long";
            return false;
        }
        if (!TryParseProperties(datagram.Slice((int)offset, (int)length), out var properties, out error))
        {
            return false;
        }
        if (!properties.TryGetValue("ACTION", out var actionText) || !properties.TryGetValue("DEVPATH", out var devPath))
        {
            error = "a libudev message without ACTION or DEVPATH";
            return false;
        }
        if (!TryParseAction(actionText, out var action, out error))
        {
            return false;
        }
        return TryBuild(action, devPath, properties, out uevent, out error);
    }

    private static bool TryParseProperties(ReadOnlySpan<byte> fields, out Dictionary<string, string> properties, [NotNullWhen(false)] out string? error)
    {
        properties = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        while (!fields.IsEmpty)
        {
            index++;
            var end = fields.IndexOf((byte)0);
            if (end < 0)
            {
                error = $"field {index} '{Printable(fields)}' has no terminating NUL (truncated datagram?)";
                return false;
            }
            var field = Encoding.UTF8.GetString(fields[..end]);
            fields = fields[(end + 1)..];
            if (field.Length == 0)
            {
                continue; // padding: harmless
            }
            var equals = field.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"field {index} '{Printable(field)}' is not KEY=VALUE";
                return false;
            }
            properties[field[..equals]] = field[(equals + 1)..];
        }
        error = null;
        return true;
    }

    private static bool TryBuild(UeventAction action, string devPath, Dictionary<string, string> properties, [NotNullWhen(true)] out Uevent? uevent, [NotNullWhen(false)] out string? error)
    {
        uevent = null;
        if (!devPath.StartsWith('/'))
        {
            error = $"DEVPATH '{Printable(devPath)}' does not start with '/'";
            return false;
        }
        if (!properties.TryGetValue("SUBSYSTEM", out var subsystem) || subsystem.Length == 0)
        {
            error = $"the event for '{devPath}' has no SUBSYSTEM";
            return false;
        }
        uevent = new Uevent(action, devPath, subsystem, properties);
        error = null;
        return true;
    }

    private static bool TryParseAction(string text, out UeventAction action, [NotNullWhen(false)] out string? error)
    {
        // kobject_actions[] in lib/kobject_uevent.c: lower-case names.
        action = default;
        foreach (var candidate in Enum.GetValues<UeventAction>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.OrdinalIgnoreCase) && text.All(char.IsLower))
            {
                action = candidate;
                error = null;
                return true;
            }
        }
        error = $"unknown action '{Printable(text)}'";
        return false;
    }

    private static string Printable(ReadOnlySpan<byte> bytes) => Printable(Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 80)]));

    /// <summary>At most 80 characters, control characters shown as '?', so garbage never floods a log.</summary>
    private static string Printable(string text)
    {
        var shown = text.Length > 80 ? text[..80] + "..." : text;
        return string.Create(shown.Length, shown, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
