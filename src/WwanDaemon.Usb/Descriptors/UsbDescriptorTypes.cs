namespace WwanDaemon.Usb.Descriptors;

/// <summary>bDescriptorType values (USB 2.0 table 9-5, IAD ECN, CDC 1.2 table 12).</summary>
internal static class UsbDescriptorTypes
{
    public const byte Device = 0x01;
    public const byte Configuration = 0x02;
    public const byte Interface = 0x04;
    public const byte Endpoint = 0x05;
    public const byte InterfaceAssociation = 0x0b;
    public const byte ClassSpecificInterface = 0x24;

    public const int DeviceLength = 18;
    public const int ConfigurationLength = 9;
    public const int InterfaceLength = 9;
    public const int EndpointLength = 7;
    public const int InterfaceAssociationLength = 8;
}

/// <summary>CDC functional descriptor subtypes (CDC 1.2 table 13, NCM 1.0 table 5-2, MBIM 1.0 table 6-3/6-4).</summary>
internal static class CdcSubtypes
{
    public const byte Header = 0x00;
    public const byte Union = 0x06;
    public const byte Ethernet = 0x0f;
    public const byte Ncm = 0x1a;
    public const byte Mbim = 0x1b;
    public const byte MbimExtended = 0x1c;
}

/// <summary>bMaxPower units: 2 mA below SuperSpeed, 8 mA at SuperSpeed (USB 3.2 table 9-22).</summary>
public static class UsbPower
{
    public static int UnitMilliamps(string? speed) =>
        speed is not null && double.TryParse(speed, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var mbps) && mbps >= 5000 ? 8 : 2;
}
