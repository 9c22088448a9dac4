using System.Runtime.InteropServices;

namespace WwanDaemon.Linux.Terminals;

/// <summary>
/// The kernel's <c>struct termios2</c> (include/uapi/asm-generic/termbits.h), read and written with the
/// TCGETS2 / TCSETS2 ioctls; 44 bytes on x86_64 and aarch64:
/// <code>
/// offset  0  c_iflag    uint     input modes
/// offset  4  c_oflag    uint     output modes
/// offset  8  c_cflag    uint     control modes (the CBAUD bits hold the speed code, B0 = hang up / DTR low)
/// offset 12  c_lflag    uint     local modes
/// offset 16  c_line     byte     line discipline (0 = N_TTY)
/// offset 17  c_cc[19]   byte     control characters (kernel NCCS = 19)
/// offset 36  c_ispeed   uint     input speed in baud (used when the CBAUD bits are BOTHER)
/// offset 40  c_ospeed   uint     output speed in baud
/// </code>
/// Why the kernel struct and not glibc's tcgetattr/cfsetospeed: glibc's struct termios is a different,
/// translated layout (NCCS 32), and glibc 2.42 redefined speed_t and the Bnnn constants for arbitrary
/// baud rates, so which cfsetospeed a dlsym'd P/Invoke binds to would decide what a speed value means.
/// The ioctl ABI below has not changed since Linux 2.6.20 and means the same under glibc and musl.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct KernelTermios
{
    /// <summary>NCCS in asm-generic/termbits.h (the kernel's, not glibc's 32).</summary>
    public const int ControlCharacterCount = 19;

    // c_cc indices (asm-generic/termbits.h).
    public const int VTIME = 5;
    public const int VMIN = 6;

    // c_iflag bits (asm-generic/termbits-common.h / termbits.h; octal in the header).
    public const uint IGNBRK = 0x001;   // 0000001
    public const uint BRKINT = 0x002;   // 0000002
    public const uint PARMRK = 0x008;   // 0000010
    public const uint INPCK = 0x010;    // 0000020
    public const uint ISTRIP = 0x020;   // 0000040
    public const uint INLCR = 0x040;    // 0000100
    public const uint IGNCR = 0x080;    // 0000200
    public const uint ICRNL = 0x100;    // 0000400
    public const uint IXON = 0x400;     // 0002000
    public const uint IXANY = 0x800;    // 0004000
    public const uint IXOFF = 0x1000;   // 0010000

    // c_oflag bits.
    public const uint OPOST = 0x1;      // 0000001

    // c_cflag bits.
    public const uint CBAUD = 0x100F;   // 0010017: the speed code (low 4 bits plus CBAUDEX)
    public const uint BOTHER = 0x1000;  // 0010000: speed given in c_ospeed/c_ispeed instead of a code
    public const uint CSIZE = 0x30;     // 0000060
    public const uint CS8 = 0x30;       // 0000060
    public const uint CSTOPB = 0x40;    // 0000100: two stop bits when set
    public const uint CREAD = 0x80;     // 0000200: enable the receiver
    public const uint PARENB = 0x100;   // 0000400
    public const uint PARODD = 0x200;   // 0001000
    public const uint HUPCL = 0x400;    // 0002000: drop DTR/RTS on last close
    public const uint CLOCAL = 0x800;   // 0004000: ignore DCD (open and read do not wait for carrier)
    public const uint CIBAUD = 0x100F0000; // 002003600000: input speed code (0 = same as output)
    public const uint CMSPAR = 0x40000000;  // 010000000000: mark/space parity
    public const uint CRTSCTS = 0x80000000; // 020000000000: hardware flow control

    // c_lflag bits.
    public const uint ISIG = 0x1;       // 0000001
    public const uint ICANON = 0x2;     // 0000002
    public const uint ECHO = 0x8;       // 0000010
    public const uint ECHOE = 0x10;     // 0000020
    public const uint ECHOK = 0x20;     // 0000040
    public const uint ECHONL = 0x40;    // 0000100
    public const uint IEXTEN = 0x8000;  // 0100000

    public uint InputFlags;
    public uint OutputFlags;
    public uint ControlFlags;
    public uint LocalFlags;
    public byte Line;
    public fixed byte ControlCharacters[ControlCharacterCount];
    public uint InputSpeed;
    public uint OutputSpeed;

    /// <summary>c_cc[<paramref name="index"/>], e.g. <see cref="VMIN"/>.</summary>
    public readonly byte ControlCharacter(int index) => ControlCharacters[index];

    /// <summary>
    /// cfmakeraw(3) as glibc and musl implement it (termios(3) lists the same bits): no input
    /// translation (CR/LF, parity marking, stripping, XON/XOFF), no output processing, no echo,
    /// no canonical line editing, no signals from ^C/^Z, 8 bits, no parity; read() returns as soon
    /// as one byte is there (VMIN 1, VTIME 0). Speed and CLOCAL/CREAD/HUPCL/CRTSCTS are left alone.
    /// </summary>
    public void MakeRaw()
    {
        InputFlags &= ~(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
        OutputFlags &= ~OPOST;
        LocalFlags &= ~(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
        ControlFlags &= ~(CSIZE | PARENB);
        ControlFlags |= CS8;
        ControlCharacters[VMIN] = 1;
        ControlCharacters[VTIME] = 0;
    }
}
