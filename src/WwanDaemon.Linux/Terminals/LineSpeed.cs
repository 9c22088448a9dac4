namespace WwanDaemon.Linux.Terminals;

/// <summary>
/// Baud rates to and from the c_cflag CBAUD codes of asm-generic/termbits.h. Standard rates use their
/// code (every driver knows those); any other rate is sent as BOTHER with the number in c_ospeed, which
/// drivers that support arbitrary rates honour (Linux 2.6.20+). Speed 0 is B0: "hang up", DTR low.
/// </summary>
internal static class LineSpeed
{
    // (rate, code); the codes are octal in the header: B50 0000001 … B38400 0000017, B57600 0010001 … B4000000 0010017.
    private static readonly (int Rate, uint Code)[] Codes =
    [
        (0, 0x0), (50, 0x1), (75, 0x2), (110, 0x3), (134, 0x4), (150, 0x5), (200, 0x6), (300, 0x7),
        (600, 0x8), (1200, 0x9), (1800, 0xA), (2400, 0xB), (4800, 0xC), (9600, 0xD), (19200, 0xE), (38400, 0xF),
        (57600, 0x1001), (115200, 0x1002), (230400, 0x1003), (460800, 0x1004), (500000, 0x1005), (576000, 0x1006),
        (921600, 0x1007), (1000000, 0x1008), (1152000, 0x1009), (1500000, 0x100A), (2000000, 0x100B),
        (2500000, 0x100C), (3000000, 0x100D), (3500000, 0x100E), (4000000, 0x100F),
    ];

    /// <summary>Sets input and output speed to <paramref name="rate"/> baud (input follows output: CIBAUD 0).</summary>
    public static void Apply(ref KernelTermios termios, int rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        termios.ControlFlags &= ~(KernelTermios.CBAUD | KernelTermios.CIBAUD);
        termios.ControlFlags |= CodeOf(rate);
        termios.InputSpeed = (uint)rate;
        termios.OutputSpeed = (uint)rate;
    }

    /// <summary>The output speed in baud; 0 for B0.</summary>
    public static int Read(in KernelTermios termios)
    {
        var code = termios.ControlFlags & KernelTermios.CBAUD;
        if (code == KernelTermios.BOTHER)
        {
            return (int)termios.OutputSpeed;
        }
        foreach (var (rate, known) in Codes)
        {
            if (known == code)
            {
                return rate;
            }
        }
        return (int)termios.OutputSpeed;
    }

    private static uint CodeOf(int rate)
    {
        foreach (var (known, code) in Codes)
        {
            if (known == rate)
            {
                return code;
            }
        }
        return KernelTermios.BOTHER;
    }
}
