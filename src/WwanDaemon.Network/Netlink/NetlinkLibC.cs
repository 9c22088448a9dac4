using System.Runtime.InteropServices;

namespace WwanDaemon.Network.Netlink;

/// <summary>The libc calls a NETLINK_ROUTE socket needs (socket(2), sendto(2), recv(2), setsockopt(2), close(2)).</summary>
internal static unsafe partial class NetlinkLibC
{
    private const string Library = "libc";

    public const int SocketRaw = 3;             // SOCK_RAW, linux/net.h
    public const int SocketCloseOnExec = 0x80000; // SOCK_CLOEXEC = O_CLOEXEC (asm-generic/fcntl.h)
    public const int SocketLevel = 1;           // SOL_SOCKET, asm-generic/socket.h
    public const int ReceiveTimeout = 20;       // SO_RCVTIMEO (SO_RCVTIMEO_OLD: struct timeval with 64-bit fields on 64-bit ABIs)
    public const int MessageTruncated = 0x20;   // MSG_TRUNC, linux/socket.h: recv returns the real length
    public const int SockaddrNetlinkLength = 12; // struct sockaddr_nl: u16 family, u16 pad, u32 pid, u32 groups

    public const int TryAgain = 11;             // EAGAIN (asm-generic/errno-base.h): SO_RCVTIMEO expired
    public const int Interrupted = 4;           // EINTR

    [LibraryImport(Library, EntryPoint = "socket", SetLastError = true)]
    public static partial int Socket(int domain, int type, int protocol);

    [LibraryImport(Library, EntryPoint = "sendto", SetLastError = true)]
    public static partial nint SendTo(int socket, byte* buffer, nuint length, int flags, byte* address, uint addressLength);

    [LibraryImport(Library, EntryPoint = "recv", SetLastError = true)]
    public static partial nint Receive(int socket, byte* buffer, nuint length, int flags);

    [LibraryImport(Library, EntryPoint = "setsockopt", SetLastError = true)]
    public static partial int SetSocketOption(int socket, int level, int option, void* value, uint valueLength);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);
}
