using System.Globalization;

namespace WwanDaemon.Usb.Model;

/// <summary>A USB class/subclass/protocol triple, as carried by device, interface and IAD descriptors.</summary>
public readonly record struct UsbClassTriple(byte Class, byte Subclass, byte Protocol)
{
    /// <summary>Parses "ff/ff/ff" (hex, as printed by this type and by dumps).</summary>
    public static UsbClassTriple Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length != 3)
        {
            throw new FormatException($"'{text}' is not a class triple like 'ff/ff/ff'");
        }
        return new UsbClassTriple(ParseHex(parts[0]), ParseHex(parts[1]), ParseHex(parts[2]));
    }

    private static byte ParseHex(string part) => byte.Parse(part, NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public override string ToString() => $"{Class:x2}/{Subclass:x2}/{Protocol:x2}";
}

/// <summary>Class codes used by modems (USB-IF class code list; CDC 1.2 table 4 and CDC subclass specifications).</summary>
public static class UsbClassCodes
{
    public const byte PerInterface = 0x00;
    public const byte Audio = 0x01;
    public const byte Communications = 0x02;
    public const byte MassStorage = 0x08;
    public const byte Hub = 0x09;
    public const byte CdcData = 0x0a;
    public const byte WirelessController = 0xe0;
    public const byte Miscellaneous = 0xef;
    public const byte VendorSpecific = 0xff;

    /// <summary>CDC subclass codes (CDC 1.2 table 4).</summary>
    public const byte CdcAbstractControl = 0x02;
    public const byte CdcEthernet = 0x06;
    public const byte CdcWirelessMobile = 0x08;
    public const byte CdcEthernetEmulation = 0x0c;
    public const byte CdcNcm = 0x0d;
    public const byte CdcMbim = 0x0e;
}
