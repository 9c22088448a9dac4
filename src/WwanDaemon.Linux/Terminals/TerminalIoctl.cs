using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WwanDaemon.Linux.Terminals;

/// <summary>
/// Terminal ioctls (tty_ioctl(4)) with their request numbers from include/uapi/asm-generic/ioctls.h,
/// valid on x86_64 and aarch64 (alpha, mips, powerpc and sparc number them differently). Each call
/// returns 0 or the errno it failed with, so callers can tell "unsupported" (ENOTTY, EINVAL) from
/// "the device is gone" (EIO, ENODEV, ENXIO).
/// </summary>
internal static class TerminalIoctl
{
    public const nuint TCFLSH = 0x540B;
    public const nuint TIOCEXCL = 0x540C;   // later open()s fail with EBUSY unless the opener has CAP_SYS_ADMIN
    public const nuint TIOCNXCL = 0x540D;
    public const nuint TIOCMGET = 0x5415;
    public const nuint TIOCMBIS = 0x5416;
    public const nuint TIOCMBIC = 0x5417;
    public const nuint TCGETS2 = 0x802C542A; // _IOR('T', 0x2A, struct termios2): 44 bytes
    public const nuint TCSETS2 = 0x402C542B; // _IOW('T', 0x2B, struct termios2)
    public const nuint TIOCGEXCL = 0x80045440; // _IOR('T', 0x40, int), Linux 3.8+

    // tcflush queue selectors (asm-generic/termbits.h).
    public const int TCIFLUSH = 0;
    public const int TCOFLUSH = 1;
    public const int TCIOFLUSH = 2;

    /// <summary>ioctl with no argument or a value argument; 0 or the errno.</summary>
    public static int Call(SafeFileHandle fd, nuint request, nint argument = 0) =>
        LibC.Ioctl(fd, request, argument) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>ioctl with a pointer to an int (TIOCMGET, TIOCMBIS, TIOCMBIC, TIOCGEXCL); 0 or the errno.</summary>
    public static unsafe int Call(SafeFileHandle fd, nuint request, ref int value)
    {
        fixed (int* pointer = &value)
        {
            return Call(fd, request, (nint)pointer);
        }
    }

    /// <summary>TCGETS2; 0 or the errno. On a pty master it reads the slave's settings (tty_mode_ioctl uses tty->link).</summary>
    public static unsafe int GetAttributes(SafeFileHandle fd, out KernelTermios termios)
    {
        termios = default;
        fixed (KernelTermios* pointer = &termios)
        {
            return Call(fd, TCGETS2, (nint)pointer);
        }
    }

    /// <summary>TCSETS2 (apply now, like tcsetattr TCSANOW); 0 or the errno.</summary>
    public static unsafe int SetAttributes(SafeFileHandle fd, in KernelTermios termios)
    {
        fixed (KernelTermios* pointer = &termios)
        {
            return Call(fd, TCSETS2, (nint)pointer);
        }
    }
}
