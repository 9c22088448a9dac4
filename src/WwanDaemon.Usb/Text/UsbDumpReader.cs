using WwanDaemon.Usb.Model;

namespace WwanDaemon.Usb.Text;

/// <summary>The text formats people paste.</summary>
public enum UsbDumpFormat
{
    /// <summary><c>/sys/kernel/debug/usb/devices</c> or <c>usb-devices</c> (T:/D:/P:/C:/I:/E: records).</summary>
    DevicesFile,

    /// <summary><c>lsusb -v</c>.</summary>
    LsusbVerbose,
}

/// <summary>Reads any supported dump text, choosing the reader by what the text looks like.</summary>
public static class UsbDumpReader
{
    public static UsbDumpFormat? Detect(string text) =>
        LsusbVerboseReader.LooksLikeLsusb(text) ? UsbDumpFormat.LsusbVerbose
        : DevicesFileReader.LooksLikeDevicesFile(text) ? UsbDumpFormat.DevicesFile
        : null;

    /// <exception cref="UsbFormatException">Nothing recognisable, or a malformed record (the message names the line).</exception>
    public static IReadOnlyList<UsbDevice> Read(string text, string sourceName) => Detect(text) switch
    {
        UsbDumpFormat.LsusbVerbose => LsusbVerboseReader.Read(text, sourceName),
        UsbDumpFormat.DevicesFile => DevicesFileReader.Read(text, sourceName),
        _ => throw new UsbFormatException(sourceName, null,
            "no USB descriptor dump found: paste the output of 'cat /sys/kernel/debug/usb/devices', 'usb-devices' or 'lsusb -v'"),
    };
}
