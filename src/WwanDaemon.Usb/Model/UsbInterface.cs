namespace WwanDaemon.Usb.Model;

/// <summary>One alternate setting of an interface (USB 2.0 section 9.6.5) with its endpoints.</summary>
/// <param name="Number">bInterfaceNumber.</param>
/// <param name="AlternateSetting">bAlternateSetting.</param>
/// <param name="Class">bInterfaceClass/SubClass/Protocol.</param>
/// <param name="Endpoints">The endpoints, in descriptor order. Empty when the dump did not list them.</param>
/// <param name="Driver">The kernel driver bound to it, or null when none is bound or the source does not say (see <see cref="UsbDevice.DriversKnown"/>).</param>
/// <param name="Cdc">CDC functional descriptors, when the source carries them.</param>
public sealed record UsbInterface(
    int Number,
    int AlternateSetting,
    UsbClassTriple Class,
    EquatableList<UsbEndpoint> Endpoints,
    string? Driver = null,
    CdcFunctionalDescriptors? Cdc = null)
{
    public int InterruptInCount => Endpoints.Count(e => e.Type == UsbTransferType.Interrupt && e.IsIn);

    public int BulkInCount => Endpoints.Count(e => e.Type == UsbTransferType.Bulk && e.IsIn);

    public int BulkOutCount => Endpoints.Count(e => e.Type == UsbTransferType.Bulk && !e.IsIn);

    public bool HasBulkPair => BulkInCount >= 1 && BulkOutCount >= 1;

    public override string ToString() => $"if {Number}.{AlternateSetting} {Class}";
}
