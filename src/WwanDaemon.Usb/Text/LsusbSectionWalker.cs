using WwanDaemon.Usb.Model;

namespace WwanDaemon.Usb.Text;

/// <summary>Applies lsusb -v fields to the model according to the section heading they stand under.</summary>
internal sealed class LsusbSectionWalker(string sourceName)
{
    private enum Section
    {
        Ignored,
        Device,
        Configuration,
        Association,
        Interface,
        Endpoint,
        CdcHeader,
        CdcUnion,
        CdcEthernet,
        CdcNcm,
        CdcMbim,
        CdcMbimExtended,
    }

    // CDC 1.2 table 13 subtypes of functional descriptors lsusb names but we do not model.
    private static readonly Dictionary<string, byte> OtherCdcSubtypes = new(StringComparer.Ordinal)
    {
        ["CDC Call Management"] = 0x01,
        ["CDC ACM"] = 0x02,
        ["CDC Country Selection"] = 0x07,
        ["CDC WHCM"] = 0x11,
        ["CDC MDLM"] = 0x12,
        ["CDC MDLM detail"] = 0x13,
        ["CDC OBEX"] = 0x15,
    };

    /// <summary>Fields of two bytes; every other numeric field is one byte.</summary>
    private static readonly HashSet<string> WideFields = new(StringComparer.Ordinal)
    {
        "idVendor", "idProduct", "wMaxPacketSize", "MaxPower", "wMaxControlMessage", "wMaxSegmentSize", "wTotalLength",
    };

    private Section section = Section.Ignored;
    private CdcMbimFunctional mbim = new(0, 0, 0, 0, 0, 0);

    public UsbModelBuilder? Model { get; private set; }

    public bool SawDeviceDescriptor { get; private set; }

    public void StartDevice()
    {
        Model = new UsbModelBuilder();
        SawDeviceDescriptor = false;
        section = Section.Ignored;
    }

    public void EnterSection(string heading, int line)
    {
        var model = Model!;
        Func<string, Exception> error = m => new UsbFormatException(sourceName, line, m);
        section = heading switch
        {
            "Device Descriptor" => Section.Device,
            "Configuration Descriptor" => Section.Configuration,
            "Interface Association" => Section.Association,
            "Interface Descriptor" => Section.Interface,
            "Endpoint Descriptor" => Section.Endpoint,
            "CDC Header" => Section.CdcHeader,
            "CDC Union" => Section.CdcUnion,
            "CDC Ethernet" => Section.CdcEthernet,
            "CDC NCM" => Section.CdcNcm,
            "CDC MBIM" => Section.CdcMbim,
            "CDC MBIM Extended" => Section.CdcMbimExtended,
            _ => Section.Ignored,
        };
        switch (section)
        {
            case Section.Device:
                SawDeviceDescriptor = true;
                break;
            case Section.Configuration:
                model.StartConfiguration(0, 0, 0, active: false);
                break;
            case Section.Association:
                model.AddAssociation(new UsbInterfaceAssociation(0, 0, default), error);
                break;
            case Section.Interface:
                model.StartInterface(0, 0, default, null, error);
                break;
            case Section.Endpoint:
                model.AddEndpoint(new UsbEndpoint(0, UsbTransferType.Control, 0, 0), error);
                break;
            case Section.CdcMbim:
                mbim = new CdcMbimFunctional(0, 0, 0, 0, 0, 0);
                model.UpdateCdc(c => c with { Mbim = mbim }, error);
                break;
            case Section.Ignored when OtherCdcSubtypes.TryGetValue(heading, out var subtype):
                model.UpdateCdc(c => c with { OtherSubtypes = c.OtherSubtypes.Append(subtype).ToEquatableList() }, error);
                break;
        }
    }

    /// <summary>"UNRECOGNIZED CDC: 05 24 ab ..." still tells the subtype.</summary>
    public void UnrecognizedDescriptor(string hexBytes, int line)
    {
        var bytes = hexBytes.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (bytes.Length >= 3 && bytes[1] == "24" && DumpText.TryHex(bytes[2], out var subtype))
        {
            Model!.UpdateCdc(c => c with { OtherSubtypes = c.OtherSubtypes.Append((byte)subtype).ToEquatableList() }, m => new UsbFormatException(sourceName, line, m));
        }
    }

    public void Field(string key, string value, string meaning, int line)
    {
        var model = Model!;
        Exception Error(string message) => new UsbFormatException(sourceName, line, message);
        int Number() => LsusbVerboseReader.ParseNumber(key, value, Error, WideFields.Contains(key) ? 0xffff : 0xff);
        switch (section, key)
        {
            case (Section.Device, "bcdUSB"):
                model.Device = model.Device with { UsbVersion = DumpText.FormatBcd(LsusbVerboseReader.ParseBcdOrThrow(value, Error)) };
                break;
            case (Section.Device, "bDeviceClass"):
                model.Device = model.Device with { DeviceClass = model.Device.DeviceClass with { Class = (byte)Number() } };
                break;
            case (Section.Device, "bDeviceSubClass"):
                model.Device = model.Device with { DeviceClass = model.Device.DeviceClass with { Subclass = (byte)Number() } };
                break;
            case (Section.Device, "bDeviceProtocol"):
                model.Device = model.Device with { DeviceClass = model.Device.DeviceClass with { Protocol = (byte)Number() } };
                break;
            case (Section.Device, "idVendor"):
                model.HasIds = true;
                model.Device = model.Device with { VendorId = (ushort)Number() };
                break;
            case (Section.Device, "idProduct"):
                model.Device = model.Device with { ProductId = (ushort)Number() };
                break;
            case (Section.Device, "bcdDevice"):
                model.Device = model.Device with { BcdDevice = LsusbVerboseReader.ParseBcdOrThrow(value, Error) };
                break;
            case (Section.Device, "iManufacturer") when meaning.Length > 0:
                model.Device = model.Device with { Manufacturer = meaning };
                break;
            case (Section.Device, "iProduct") when meaning.Length > 0:
                model.Device = model.Device with { Product = meaning };
                break;
            case (Section.Device, "iSerial") when meaning.Length > 0:
                model.Device = model.Device with { SerialNumber = meaning };
                break;
            case (Section.Device, "bNumConfigurations"):
                model.Device = model.Device with { ConfigurationCount = Number() };
                break;
            case (Section.Configuration, "bConfigurationValue"):
                model.UpdateLastConfiguration(c => c.Value = Number(), Error);
                break;
            case (Section.Configuration, "bmAttributes"):
                model.UpdateLastConfiguration(c => c.Attributes = (byte)Number(), Error);
                break;
            case (Section.Configuration, "MaxPower"):
                model.UpdateLastConfiguration(c => c.MaxPower = Number(), Error);
                break;
            case (Section.Association, "bFirstInterface"):
                model.UpdateLastAssociation(a => a with { FirstInterface = Number() }, Error);
                break;
            case (Section.Association, "bInterfaceCount"):
                model.UpdateLastAssociation(a => a with { InterfaceCount = Number() }, Error);
                break;
            case (Section.Association, "bFunctionClass"):
                model.UpdateLastAssociation(a => a with { Function = a.Function with { Class = (byte)Number() } }, Error);
                break;
            case (Section.Association, "bFunctionSubClass"):
                model.UpdateLastAssociation(a => a with { Function = a.Function with { Subclass = (byte)Number() } }, Error);
                break;
            case (Section.Association, "bFunctionProtocol"):
                model.UpdateLastAssociation(a => a with { Function = a.Function with { Protocol = (byte)Number() } }, Error);
                break;
            case (Section.Interface, "bInterfaceNumber"):
                model.UpdateLastInterface(i => i with { Number = Number() }, Error);
                break;
            case (Section.Interface, "bAlternateSetting"):
                model.UpdateLastInterface(i => i with { Alternate = Number() }, Error);
                break;
            case (Section.Interface, "bInterfaceClass"):
                model.UpdateLastInterface(i => i with { Class = i.Class with { Class = (byte)Number() } }, Error);
                break;
            case (Section.Interface, "bInterfaceSubClass"):
                model.UpdateLastInterface(i => i with { Class = i.Class with { Subclass = (byte)Number() } }, Error);
                break;
            case (Section.Interface, "bInterfaceProtocol"):
                model.UpdateLastInterface(i => i with { Class = i.Class with { Protocol = (byte)Number() } }, Error);
                break;
            case (Section.Endpoint, "bEndpointAddress"):
                model.UpdateLastEndpoint(e => e with { Address = (byte)Number() }, Error);
                break;
            case (Section.Endpoint, "bmAttributes"):
                model.UpdateLastEndpoint(e => e with { Type = (UsbTransferType)(Number() & 0x03) }, Error);
                break;
            case (Section.Endpoint, "wMaxPacketSize"):
                model.UpdateLastEndpoint(e => e with { MaxPacketSize = Number() & 0x07ff }, Error);
                break;
            case (Section.Endpoint, "bInterval"):
                model.UpdateLastEndpoint(e => e with { Interval = (byte)Number() }, Error);
                break;
            case (Section.CdcHeader, "bcdCDC"):
                model.UpdateCdc(c => c with { CdcVersion = LsusbVerboseReader.ParseBcdOrThrow(value, Error) }, Error);
                break;
            case (Section.CdcUnion, "bMasterInterface"):
                model.UpdateCdc(c => c with { Union = new CdcUnion((byte)Number(), EquatableList<byte>.Empty) }, Error);
                break;
            case (Section.CdcUnion, "bSlaveInterface"):
                // lsusb prints every subordinate interface on one line: "bSlaveInterface 1 2".
                var subordinates = (value + " " + meaning).Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Select(token => (byte)LsusbVerboseReader.ParseNumber(key, token, Error, 0xff)).ToArray();
                model.UpdateCdc(c => c with { Union = (c.Union ?? new CdcUnion(0, EquatableList<byte>.Empty)) is var u ? u with { SubordinateInterfaces = u.SubordinateInterfaces.Concat(subordinates).ToEquatableList() } : null }, Error);
                break;
            case (Section.CdcEthernet, "wMaxSegmentSize"):
                model.UpdateCdc(c => c with { Ethernet = new CdcEthernetFunctional((ushort)Number()) }, Error);
                break;
            case (Section.CdcNcm, "bcdNcmVersion"):
                model.UpdateCdc(c => c with { NcmVersion = LsusbVerboseReader.ParseBcdOrThrow(value, Error) }, Error);
                break;
            case (Section.CdcMbimExtended, "bcdMBIMExtendedVersion"):
                model.UpdateCdc(c => c with { MbimExtendedVersion = LsusbVerboseReader.ParseBcdOrThrow(value, Error) }, Error);
                break;
            case (Section.CdcMbim, _):
                MbimField(key, value, Error);
                break;
        }
    }

    private void MbimField(string key, string value, Func<string, Exception> error)
    {
        int Number() => LsusbVerboseReader.ParseNumber(key, value, error, WideFields.Contains(key) ? 0xffff : 0xff);
        mbim = key switch
        {
            "bcdMBIMVersion" => mbim with { MbimVersion = LsusbVerboseReader.ParseBcdOrThrow(value, error) },
            "wMaxControlMessage" => mbim with { MaxControlMessage = (ushort)Number() },
            "bNumberFilters" => mbim with { NumberFilters = (byte)Number() },
            "bMaxFilterSize" => mbim with { MaxFilterSize = (byte)Number() },
            "wMaxSegmentSize" => mbim with { MaxSegmentSize = (ushort)Number() },
            "bmNetworkCapabilities" => mbim with { NetworkCapabilities = (byte)Number() },
            _ => mbim,
        };
        Model!.UpdateCdc(c => c with { Mbim = mbim }, error);
    }
}
