namespace WwanDaemon.Usb.Model;

/// <summary>The transfer type in bits 1..0 of bmAttributes (USB 2.0 table 9-13).</summary>
public enum UsbTransferType
{
    Control = 0,
    Isochronous = 1,
    Bulk = 2,
    Interrupt = 3,
}

/// <summary>An endpoint descriptor (USB 2.0 section 9.6.6).</summary>
/// <param name="Address">bEndpointAddress: bit 7 is the direction (1 = IN), bits 3..0 the number.</param>
/// <param name="Type">The transfer type.</param>
/// <param name="MaxPacketSize">wMaxPacketSize in bytes (the size bits only).</param>
/// <param name="Interval">bInterval as the descriptor carries it (not the period the kernel prints).</param>
public sealed record UsbEndpoint(byte Address, UsbTransferType Type, int MaxPacketSize, byte Interval)
{
    public bool IsIn => (Address & 0x80) != 0;

    public int Number => Address & 0x0f;

    public override string ToString() => $"ep {Address:x2} {(IsIn ? "in" : "out")} {Type} {MaxPacketSize}";
}
