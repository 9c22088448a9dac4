using System.Runtime.InteropServices;

namespace WwanDaemon.Linux.Uevents;

/// <summary>
/// The libc calls and constants for a kernel uevent socket, as source-generated P/Invoke.
/// Values are the Linux ones for x86_64 and aarch64: linux/socket.h (AF_NETLINK), linux/net.h and
/// asm-generic/socket.h (SOCK_*, SOL_SOCKET, SO_RCVBUF*), linux/netlink.h (NETLINK_KOBJECT_UEVENT,
/// struct sockaddr_nl), asm-generic/errno.h (ENOBUFS).
/// </summary>
internal static partial class NetlinkNative
{
    private const string Library = "libc";

    public const int AF_NETLINK = 16;
    public const int SOCK_DGRAM = 2;
    public const int SOCK_NONBLOCK = 0x800;
    public const int SOCK_CLOEXEC = 0x80000;
    public const int NETLINK_KOBJECT_UEVENT = 15;
    public const int EFD_NONBLOCK = 0x800;  // sys/eventfd.h: O_NONBLOCK
    public const int EFD_CLOEXEC = 0x80000; // sys/eventfd.h: O_CLOEXEC

    /// <summary>The kernel's own broadcasts; udevd re-sends processed events on group 2.</summary>
    public const uint KernelGroup = 1;

    public const int SOL_SOCKET = 1;
    public const int SO_RCVBUF = 8;
    public const int SO_RCVBUFFORCE = 33; // root only: may exceed net.core.rmem_max

    public const int EINTR = 4;
    public const int EAGAIN = 11;
    public const int ENOBUFS = 105;     // the receive queue overflowed: events were dropped

    /// <summary>struct sockaddr_nl: sa_family_t nl_family; unsigned short nl_pad; __u32 nl_pid; __u32 nl_groups.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SockaddrNetlink
    {
        public ushort Family;
        public ushort Pad;
        public uint PortId;
        public uint Groups;
    }

    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Library, EntryPoint = "bind", SetLastError = true)]
    public static unsafe partial int Bind(int socket, SockaddrNetlink* address, uint length);

    [LibraryImport(Library, EntryPoint = "setsockopt", SetLastError = true)]
    public static unsafe partial int SetSocketOption(int socket, int level, int name, int* value, uint length);

    [LibraryImport(Library, EntryPoint = "recvfrom", SetLastError = true)]
    public static unsafe partial nint ReceiveFrom(int socket, byte* buffer, nuint length, int flags, SockaddrNetlink* address, uint* addressLength);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    [LibraryImport(Library, EntryPoint = "eventfd", SetLastError = true)]
    public static partial int Eventfd(uint initialValue, int flags);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    public static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    public static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMilliseconds);

    public const short POLLIN = 0x1;

    /// <summary>struct pollfd: int fd; short events; short revents.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    public static string Describe(int errno) => $"{Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})";
}
