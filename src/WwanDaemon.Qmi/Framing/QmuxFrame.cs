namespace WwanDaemon.Qmi.Framing;

/// <summary>
/// One QMUX frame as cdc-wdm carries it (the layout libqmi and the kernel's qmi_wwan use):
/// <code>
///  0      1..2        3              4          5          6 ..
/// +------+-----------+--------------+----------+----------+---------------+
/// | 0x01 | length LE | control flags| service  | client id| SDU ...       |
/// +------+-----------+--------------+----------+----------+---------------+
/// length counts every byte after the interface type (so a frame is length + 1 bytes);
/// control flags: 0x00 from the host, 0x80 from the modem.
/// </code>
/// </summary>
public sealed record QmuxFrame(byte ControlFlags, byte Service, byte ClientId, byte[] Sdu)
{
    /// <summary>The interface type byte that starts every QMUX frame.</summary>
    public const byte InterfaceType = 0x01;

    /// <summary>Control flags of a frame sent by the modem (a service).</summary>
    public const byte FromService = 0x80;

    /// <summary>Bytes before the SDU.</summary>
    public const int HeaderLength = 6;

    /// <summary>The largest frame the 16-bit length allows.</summary>
    public const int MaxLength = ushort.MaxValue + 1;

    public bool IsFromService => (ControlFlags & FromService) != 0;

    public override string ToString() => $"QMUX service {Service} client {ClientId} {(IsFromService ? "from modem" : "from host")}, {Sdu.Length}-byte SDU";
}
