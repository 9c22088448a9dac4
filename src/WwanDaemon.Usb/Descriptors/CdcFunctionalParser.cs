using System.Buffers.Binary;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Usb.Descriptors;

/// <summary>Folds one CS_INTERFACE descriptor into <see cref="CdcFunctionalDescriptors"/>.</summary>
internal static class CdcFunctionalParser
{
    /// <remarks>
    /// Layouts (offsets from the start of the descriptor):
    /// <code>
    /// Header   (CDC 1.2 t.15): 0 len | 1 0x24 | 2 0x00 | 3-4 bcdCDC
    /// Union    (CDC 1.2 t.16): 0 len | 1 0x24 | 2 0x06 | 3 control if | 4.. subordinate ifs
    /// Ethernet (ECM 1.2 t.3):  0 len | 1 0x24 | 2 0x0f | 3 iMACAddress | 4-7 stats | 8-9 wMaxSegmentSize | 10-11 filters | 12 power filters
    /// NCM      (NCM 1.0 t.5-2):0 len | 1 0x24 | 2 0x1a | 3-4 bcdNcmVersion | 5 caps
    /// MBIM     (MBIM 1.0 t.6-3): 0 len | 1 0x24 | 2 0x1b | 3-4 bcdMBIMVersion | 5-6 wMaxControlMessage
    ///                          | 7 bNumberFilters | 8 bMaxFilterSize | 9-10 wMaxSegmentSize | 11 bmNetworkCapabilities
    /// MBIM ext (MBIM 1.0 t.6-4): 0 len | 1 0x24 | 2 0x1c | 3-4 bcdMBIMExtendedVersion | 5 bMaxOutstandingCommandMessages | 6-7 wMTU
    /// </code>
    /// A descriptor too short for its subtype is kept as "other" rather than read past its end.
    /// </remarks>
    public static CdcFunctionalDescriptors Apply(CdcFunctionalDescriptors cdc, ReadOnlySpan<byte> d)
    {
        var subtype = d[2];
        switch (subtype)
        {
            case CdcSubtypes.Header when d.Length >= 5:
                return cdc with { CdcVersion = BinaryPrimitives.ReadUInt16LittleEndian(d[3..]) };
            case CdcSubtypes.Union when d.Length >= 4:
                return cdc with { Union = new CdcUnion(d[3], d[4..].ToArray().ToEquatableList()) };
            case CdcSubtypes.Ethernet when d.Length >= 13:
                return cdc with { Ethernet = new CdcEthernetFunctional(BinaryPrimitives.ReadUInt16LittleEndian(d[8..])) };
            case CdcSubtypes.Ncm when d.Length >= 5:
                return cdc with { NcmVersion = BinaryPrimitives.ReadUInt16LittleEndian(d[3..]) };
            case CdcSubtypes.Mbim when d.Length >= 12:
                return cdc with
                {
                    Mbim = new CdcMbimFunctional(
                        BinaryPrimitives.ReadUInt16LittleEndian(d[3..]),
                        BinaryPrimitives.ReadUInt16LittleEndian(d[5..]),
                        d[7],
                        d[8],
                        BinaryPrimitives.ReadUInt16LittleEndian(d[9..]),
                        d[11]),
                };
            case CdcSubtypes.MbimExtended when d.Length >= 5:
                return cdc with { MbimExtendedVersion = BinaryPrimitives.ReadUInt16LittleEndian(d[3..]) };
            default:
                return cdc with { OtherSubtypes = cdc.OtherSubtypes.Append(subtype).ToEquatableList() };
        }
    }
}
