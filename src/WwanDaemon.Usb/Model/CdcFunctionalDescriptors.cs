namespace WwanDaemon.Usb.Model;

/// <summary>
/// The CDC class-specific (CS_INTERFACE, 0x24) functional descriptors found after an interface
/// descriptor (CDC 1.2 section 5.2.3). Only what modem composition decisions need is modelled;
/// other subtypes are kept by number.
/// </summary>
public sealed record CdcFunctionalDescriptors
{
    /// <summary>bcdCDC of the Header descriptor (subtype 0x00).</summary>
    public ushort? CdcVersion { get; init; }

    /// <summary>Union descriptor (subtype 0x06): the control interface and the interfaces it governs.</summary>
    public CdcUnion? Union { get; init; }

    /// <summary>Ethernet Networking descriptor (subtype 0x0f), used by ECM and NCM.</summary>
    public CdcEthernetFunctional? Ethernet { get; init; }

    /// <summary>bcdNcmVersion of the NCM descriptor (subtype 0x1a).</summary>
    public ushort? NcmVersion { get; init; }

    /// <summary>MBIM functional descriptor (subtype 0x1b; MBIM 1.0 section 6.4).</summary>
    public CdcMbimFunctional? Mbim { get; init; }

    /// <summary>bcdMBIMExtendedVersion of the MBIM extended descriptor (subtype 0x1c; MBIM 1.0 section 6.5).</summary>
    public ushort? MbimExtendedVersion { get; init; }

    /// <summary>Subtypes present but not modelled above, in order of appearance.</summary>
    public EquatableList<byte> OtherSubtypes { get; init; } = EquatableList<byte>.Empty;
}

/// <summary>CDC Union functional descriptor.</summary>
public sealed record CdcUnion(byte ControlInterface, EquatableList<byte> SubordinateInterfaces);

/// <summary>CDC Ethernet Networking functional descriptor (ECM 1.2 table 3).</summary>
public sealed record CdcEthernetFunctional(ushort MaxSegmentSize);

/// <summary>MBIM functional descriptor (MBIM 1.0 table 6-3).</summary>
/// <param name="MbimVersion">bcdMBIMVersion, 0x0100 for MBIM 1.0.</param>
/// <param name="MaxControlMessage">wMaxControlMessage: the largest control transfer the function accepts; MBIM fragments above it.</param>
/// <param name="NumberFilters">bNumberFilters.</param>
/// <param name="MaxFilterSize">bMaxFilterSize.</param>
/// <param name="MaxSegmentSize">wMaxSegmentSize.</param>
/// <param name="NetworkCapabilities">bmNetworkCapabilities.</param>
public sealed record CdcMbimFunctional(
    ushort MbimVersion,
    ushort MaxControlMessage,
    byte NumberFilters,
    byte MaxFilterSize,
    ushort MaxSegmentSize,
    byte NetworkCapabilities);
