using System.Buffers.Binary;
using System.Globalization;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Usb.Descriptors;

/// <summary>
/// Writes a device's descriptors in the layout of the sysfs <c>descriptors</c> file: the inverse of
/// <see cref="UsbDescriptorParser"/>. The simulator uses it to build fake sysfs trees; strings are
/// not descriptors and are left out (string indices are written as 0).
/// </summary>
public static class UsbDescriptorWriter
{
    public static byte[] Write(UsbDevice device)
    {
        var output = new List<byte>(512);
        output.AddRange(DeviceDescriptor(device));
        foreach (var configuration in device.Configurations)
        {
            output.AddRange(ConfigurationSet(configuration, device.Speed));
        }
        return output.ToArray();
    }

    private static byte[] DeviceDescriptor(UsbDevice device)
    {
        var d = new byte[UsbDescriptorTypes.DeviceLength];
        d[0] = UsbDescriptorTypes.DeviceLength;
        d[1] = UsbDescriptorTypes.Device;
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(2), ParseBcd(device.UsbVersion ?? "2.00"));
        d[4] = device.DeviceClass.Class;
        d[5] = device.DeviceClass.Subclass;
        d[6] = device.DeviceClass.Protocol;
        d[7] = 64;
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(8), device.VendorId);
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(10), device.ProductId);
        BinaryPrimitives.WriteUInt16LittleEndian(d.AsSpan(12), device.BcdDevice);
        d[17] = (byte)Math.Max(device.ConfigurationCount, device.Configurations.Count);
        return d;
    }

    private static List<byte> ConfigurationSet(UsbConfiguration configuration, string? speed)
    {
        var body = new List<byte>();
        var writtenAssociations = new HashSet<UsbInterfaceAssociation>();
        foreach (var @interface in configuration.Interfaces)
        {
            foreach (var association in configuration.Associations.Where(a => a.FirstInterface == @interface.Number && writtenAssociations.Add(a)))
            {
                body.AddRange([UsbDescriptorTypes.InterfaceAssociationLength, UsbDescriptorTypes.InterfaceAssociation,
                    (byte)association.FirstInterface, (byte)association.InterfaceCount,
                    association.Function.Class, association.Function.Subclass, association.Function.Protocol, 0]);
            }
            body.AddRange([UsbDescriptorTypes.InterfaceLength, UsbDescriptorTypes.Interface,
                (byte)@interface.Number, (byte)@interface.AlternateSetting, (byte)@interface.Endpoints.Count,
                @interface.Class.Class, @interface.Class.Subclass, @interface.Class.Protocol, 0]);
            if (@interface.Cdc is { } cdc)
            {
                body.AddRange(CdcDescriptors(cdc));
            }
            foreach (var endpoint in @interface.Endpoints)
            {
                body.AddRange([UsbDescriptorTypes.EndpointLength, UsbDescriptorTypes.Endpoint, endpoint.Address, (byte)endpoint.Type,
                    (byte)(endpoint.MaxPacketSize & 0xff), (byte)(endpoint.MaxPacketSize >> 8), endpoint.Interval]);
            }
        }
        // Associations whose first interface is absent still belong to the configuration.
        foreach (var association in configuration.Associations.Where(a => !writtenAssociations.Contains(a)))
        {
            body.AddRange([UsbDescriptorTypes.InterfaceAssociationLength, UsbDescriptorTypes.InterfaceAssociation,
                (byte)association.FirstInterface, (byte)association.InterfaceCount,
                association.Function.Class, association.Function.Subclass, association.Function.Protocol, 0]);
        }

        var total = UsbDescriptorTypes.ConfigurationLength + body.Count;
        var header = new byte[UsbDescriptorTypes.ConfigurationLength];
        header[0] = UsbDescriptorTypes.ConfigurationLength;
        header[1] = UsbDescriptorTypes.Configuration;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), (ushort)total);
        header[4] = (byte)configuration.InterfaceNumbers.Count;
        header[5] = (byte)configuration.Value;
        header[7] = configuration.Attributes;
        header[8] = (byte)(configuration.MaxPowerMilliamps / UsbPower.UnitMilliamps(speed));
        var set = new List<byte>(total);
        set.AddRange(header);
        set.AddRange(body);
        return set;
    }

    private static List<byte> CdcDescriptors(CdcFunctionalDescriptors cdc)
    {
        var bytes = new List<byte>();
        if (cdc.CdcVersion is { } version)
        {
            bytes.AddRange([5, UsbDescriptorTypes.ClassSpecificInterface, CdcSubtypes.Header, (byte)version, (byte)(version >> 8)]);
        }
        if (cdc.Union is { } union)
        {
            bytes.AddRange([(byte)(4 + union.SubordinateInterfaces.Count), UsbDescriptorTypes.ClassSpecificInterface, CdcSubtypes.Union, union.ControlInterface]);
            bytes.AddRange(union.SubordinateInterfaces);
        }
        if (cdc.Ethernet is { } ethernet)
        {
            bytes.AddRange([13, UsbDescriptorTypes.ClassSpecificInterface, CdcSubtypes.Ethernet, 0, 0, 0, 0, 0,
                (byte)ethernet.MaxSegmentSize, (byte)(ethernet.MaxSegmentSize >> 8), 0, 0, 0]);
        }
        if (cdc.NcmVersion is { } ncm)
        {
            bytes.AddRange([6, UsbDescriptorTypes.ClassSpecificInterface, CdcSubtypes.Ncm, (byte)ncm, (byte)(ncm >> 8), 0]);
        }
        if (cdc.Mbim is { } mbim)
        {
            bytes.AddRange([12, UsbDescriptorTypes.ClassSpecificInterface, CdcSubtypes.Mbim,
                (byte)mbim.MbimVersion, (byte)(mbim.MbimVersion >> 8),
                (byte)mbim.MaxControlMessage, (byte)(mbim.MaxControlMessage >> 8),
                mbim.NumberFilters, mbim.MaxFilterSize,
                (byte)mbim.MaxSegmentSize, (byte)(mbim.MaxSegmentSize >> 8),
                mbim.NetworkCapabilities]);
        }
        if (cdc.MbimExtendedVersion is { } extended)
        {
            bytes.AddRange([8, UsbDescriptorTypes.ClassSpecificInterface, CdcSubtypes.MbimExtended, (byte)extended, (byte)(extended >> 8), 0, 0, 0]);
        }
        foreach (var subtype in cdc.OtherSubtypes)
        {
            bytes.AddRange([3, UsbDescriptorTypes.ClassSpecificInterface, subtype]);
        }
        return bytes;
    }

    /// <summary>bcdUSB from "2.00"; a version text that is not one falls back to USB 2.0.</summary>
    private static ushort ParseBcd(string text) => Text.DumpText.TryBcd(text, out var bcd) ? bcd : (ushort)0x0200;
}
