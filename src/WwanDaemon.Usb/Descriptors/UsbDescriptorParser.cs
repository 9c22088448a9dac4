using System.Buffers.Binary;
using System.Globalization;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Usb.Descriptors;

/// <summary>
/// Reads the raw descriptors Linux exposes in sysfs (<c>/sys/bus/usb/devices/X/descriptors</c>):
/// the 18-byte device descriptor followed by every configuration's full descriptor set, so that
/// configurations other than the active one are known too.
/// </summary>
/// <remarks>
/// <code>
/// device (18)  | config 1: config(9) [IAD(8)] interface(9) [CS_INTERFACE(n)...] endpoint(7)... | config 2 ...
/// </code>
/// Every descriptor starts with bLength, bDescriptorType. Lengths are untrusted: a descriptor that
/// claims to run past its configuration is an error, never an out-of-range read.
/// </remarks>
public static class UsbDescriptorParser
{
    /// <summary>Parses a whole sysfs <c>descriptors</c> blob.</summary>
    /// <param name="data">The bytes.</param>
    /// <param name="sourceName">Names the input in errors (a path).</param>
    /// <param name="speed">The device speed, for bMaxPower units; null assumes high speed.</param>
    public static UsbDevice Parse(ReadOnlySpan<byte> data, string sourceName, string? speed = null)
    {
        if (data.Length < UsbDescriptorTypes.DeviceLength || data[1] != UsbDescriptorTypes.Device || data[0] < UsbDescriptorTypes.DeviceLength)
        {
            throw new UsbFormatException(sourceName, null, $"does not start with an 18-byte device descriptor ({data.Length} bytes read)");
        }

        var configurationCount = data[17];
        var configurations = new List<UsbConfiguration>();
        int offset = data[0];
        while (offset < data.Length)
        {
            var remaining = data[offset..];
            if (remaining.Length < UsbDescriptorTypes.ConfigurationLength || remaining[1] != UsbDescriptorTypes.Configuration)
            {
                throw new UsbFormatException(sourceName, null, $"expected a configuration descriptor at byte {offset}");
            }
            int totalLength = BinaryPrimitives.ReadUInt16LittleEndian(remaining[2..]);
            if (totalLength < UsbDescriptorTypes.ConfigurationLength || totalLength > remaining.Length)
            {
                throw new UsbFormatException(sourceName, null, $"configuration at byte {offset} claims wTotalLength {totalLength} but {remaining.Length} bytes remain");
            }
            configurations.Add(ParseConfiguration(remaining[..totalLength], offset, sourceName, speed));
            offset += totalLength;
        }

        return new UsbDevice
        {
            UsbVersion = FormatBcd(BinaryPrimitives.ReadUInt16LittleEndian(data[2..])),
            DeviceClass = new UsbClassTriple(data[4], data[5], data[6]),
            VendorId = BinaryPrimitives.ReadUInt16LittleEndian(data[8..]),
            ProductId = BinaryPrimitives.ReadUInt16LittleEndian(data[10..]),
            BcdDevice = BinaryPrimitives.ReadUInt16LittleEndian(data[12..]),
            ConfigurationCount = configurationCount,
            Configurations = configurations.ToEquatableList(),
            Speed = speed,
        };
    }

    /// <summary>"2.00" for 0x0200, as dumps print bcdUSB.</summary>
    public static string FormatBcd(ushort bcd) =>
        string.Create(CultureInfo.InvariantCulture, $"{bcd >> 8:x}.{bcd & 0xff:x2}");

    private static UsbConfiguration ParseConfiguration(ReadOnlySpan<byte> set, int baseOffset, string sourceName, string? speed)
    {
        var value = set[5];
        var attributes = set[7];
        var maxPower = set[8] * UsbPower.UnitMilliamps(speed);
        var associations = new List<UsbInterfaceAssociation>();
        var interfaces = new List<UsbInterface>();
        InterfaceBuilder? current = null;

        int offset = set[0];
        while (offset < set.Length)
        {
            var descriptor = set[offset..];
            int length = descriptor[0];
            if (length < 2 || length > descriptor.Length)
            {
                throw new UsbFormatException(sourceName, null, $"descriptor at byte {baseOffset + offset} has bLength {length} with {descriptor.Length} bytes left in configuration {value}");
            }
            descriptor = descriptor[..length];
            switch (descriptor[1])
            {
                case UsbDescriptorTypes.Interface:
                    Require(descriptor, UsbDescriptorTypes.InterfaceLength, "interface", baseOffset + offset, sourceName);
                    Flush(current, interfaces);
                    current = new InterfaceBuilder(descriptor[2], descriptor[3], new UsbClassTriple(descriptor[5], descriptor[6], descriptor[7]));
                    break;
                case UsbDescriptorTypes.Endpoint:
                    Require(descriptor, UsbDescriptorTypes.EndpointLength, "endpoint", baseOffset + offset, sourceName);
                    current?.Endpoints.Add(new UsbEndpoint(
                        descriptor[2],
                        (UsbTransferType)(descriptor[3] & 0x03),
                        BinaryPrimitives.ReadUInt16LittleEndian(descriptor[4..]) & 0x07ff,
                        descriptor[6]));
                    break;
                case UsbDescriptorTypes.InterfaceAssociation:
                    Require(descriptor, UsbDescriptorTypes.InterfaceAssociationLength, "interface association", baseOffset + offset, sourceName);
                    associations.Add(new UsbInterfaceAssociation(descriptor[2], descriptor[3], new UsbClassTriple(descriptor[4], descriptor[5], descriptor[6])));
                    break;
                case UsbDescriptorTypes.ClassSpecificInterface when current is not null && length >= 3:
                    current.Cdc = CdcFunctionalParser.Apply(current.Cdc ?? new CdcFunctionalDescriptors(), descriptor);
                    break;
                default:
                    // Other descriptors (SuperSpeed companions, HID, audio class descriptors) carry
                    // nothing composition decisions need.
                    break;
            }
            offset += length;
        }
        Flush(current, interfaces);
        return new UsbConfiguration(value, attributes, maxPower, associations.ToEquatableList(), interfaces.ToEquatableList());
    }

    private static void Require(ReadOnlySpan<byte> descriptor, int length, string what, int offset, string sourceName)
    {
        if (descriptor.Length < length)
        {
            throw new UsbFormatException(sourceName, null, $"{what} descriptor at byte {offset} is {descriptor.Length} bytes, expected {length}");
        }
    }

    private static void Flush(InterfaceBuilder? builder, List<UsbInterface> interfaces)
    {
        if (builder is not null)
        {
            interfaces.Add(new UsbInterface(builder.Number, builder.Alternate, builder.Class, builder.Endpoints.ToEquatableList(), null, builder.Cdc));
        }
    }

    private sealed class InterfaceBuilder(int number, int alternate, UsbClassTriple @class)
    {
        public int Number { get; } = number;

        public int Alternate { get; } = alternate;

        public UsbClassTriple Class { get; } = @class;

        public List<UsbEndpoint> Endpoints { get; } = [];

        public CdcFunctionalDescriptors? Cdc { get; set; }
    }
}
