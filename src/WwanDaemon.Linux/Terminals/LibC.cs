using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WwanDaemon.Linux.Terminals;

/// <summary>
/// The few libc calls the terminals need, as source-generated (AOT-safe) P/Invoke.
/// Constants are the Linux values shared by x86_64 and aarch64 (asm-generic/fcntl.h, asm-generic/poll.h,
/// asm-generic/errno-base.h); other architectures (alpha, mips, powerpc, sparc) differ and are not supported.
/// Terminal ioctl request numbers are in <see cref="TerminalIoctl"/>, termios flags in <see cref="KernelTermios"/>.
/// </summary>
internal static partial class LibC
{
    // "libc" resolves to glibc's libc.so.6 and musl's libc.so through the runtime's probing.
    private const string Library = "libc";

    public const int O_RDWR = 0x2;
    public const int O_NOCTTY = 0x100;      // 0400: never become the controlling terminal (systemd services are session leaders)
    public const int O_NONBLOCK = 0x800;    // 04000
    public const int O_CLOEXEC = 0x80000;   // 02000000: child processes (wwan-sim's clients) must not inherit the master

    public const int EFD_NONBLOCK = O_NONBLOCK;
    public const int EFD_CLOEXEC = O_CLOEXEC;

    public const short POLLIN = 0x1;
    public const short POLLOUT = 0x4;
    public const short POLLERR = 0x8;
    public const short POLLHUP = 0x10;
    public const short POLLNVAL = 0x20;

    // asm-generic/errno-base.h
    public const int EPERM = 1;
    public const int EINTR = 4;
    public const int EIO = 5;
    public const int ENXIO = 6;         // a tty whose driver went away (e.g. a USB serial port mid-unplug)
    public const int EAGAIN = 11;
    public const int EBUSY = 16;        // open() of a tty another process holds with TIOCEXCL
    public const int ENODEV = 19;       // cdc-wdm after disconnect
    public const int EINVAL = 22;
    public const int ENOTTY = 25;       // an ioctl the device does not implement (TIOCMGET on a pty)

    /// <summary>struct pollfd from poll.h: int fd; short events; short revents.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport(Library, EntryPoint = "posix_openpt", SetLastError = true)]
    public static partial int PosixOpenpt(int flags);

    [LibraryImport(Library, EntryPoint = "grantpt", SetLastError = true)]
    public static partial int Grantpt(SafeFileHandle master);

    [LibraryImport(Library, EntryPoint = "unlockpt", SetLastError = true)]
    public static partial int Unlockpt(SafeFileHandle master);

    /// <summary>Returns 0, or an errno value (not -1): glibc and musl both report failure that way.</summary>
    [LibraryImport(Library, EntryPoint = "ptsname_r", SetLastError = true)]
    public static unsafe partial int PtsnameR(SafeFileHandle master, byte* buffer, nuint length);

    // open(2) is variadic; without O_CREAT the mode is never read, and the x86_64 and aarch64 Linux
    // calling conventions pass the two fixed arguments the same way either way.
    [LibraryImport(Library, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    public static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int Eventfd(uint initialValue, int flags);

    // ioctl(2) is variadic (int, unsigned long, ...); on x86_64 and aarch64 Linux a variadic pointer or
    // int travels in the same register as a fixed argument, so one pointer-sized parameter serves both
    // the ioctls that take a pointer (TCGETS2, TIOCMBIS) and those that take a value (TCFLSH).
    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    public static partial int Ioctl(SafeFileHandle fd, nuint request, nint argument);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    public static unsafe partial nint Read(SafeFileHandle fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(SafeFileHandle fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    /// <summary>An IOException carrying strerror's text for <paramref name="errno"/>, naming what failed.</summary>
    public static IOException Failure(string what, int errno) =>
        new($"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno);

    /// <summary>The IOException for the last failed call on this thread.</summary>
    public static IOException LastFailure(string what) => Failure(what, Marshal.GetLastPInvokeError());
}
