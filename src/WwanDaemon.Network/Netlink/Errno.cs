namespace WwanDaemon.Network.Netlink;

/// <summary>
/// The errno values rtnetlink answers with (asm-generic/errno-base.h, asm-generic/errno.h), each with
/// its symbolic name and what a person should do about it.
/// </summary>
public static class Errno
{
    public const int NotPermitted = 1;          // EPERM
    public const int NoSuchProcess = 3;         // ESRCH: RTM_DELROUTE found no such route
    public const int AccessDenied = 13;         // EACCES
    public const int Exists = 17;               // EEXIST
    public const int NoSuchDevice = 19;         // ENODEV
    public const int InvalidArgument = 22;      // EINVAL
    public const int Range = 34;                // ERANGE
    public const int NotSupported = 95;         // EOPNOTSUPP
    public const int AddressNotAvailable = 99;  // EADDRNOTAVAIL: RTM_DELADDR found no such address
    public const int NetworkUnreachable = 101;  // ENETUNREACH: the gateway is not on-link
    public const int NoBufferSpace = 105;       // ENOBUFS

    /// <summary>"EPERM", "ENODEV", ... or "errno N".</summary>
    public static string Name(int errno) => errno switch
    {
        NotPermitted => "EPERM",
        NoSuchProcess => "ESRCH",
        AccessDenied => "EACCES",
        Exists => "EEXIST",
        NoSuchDevice => "ENODEV",
        InvalidArgument => "EINVAL",
        Range => "ERANGE",
        NotSupported => "EOPNOTSUPP",
        AddressNotAvailable => "EADDRNOTAVAIL",
        NetworkUnreachable => "ENETUNREACH",
        NoBufferSpace => "ENOBUFS",
        _ => $"errno {errno}",
    };

    /// <summary>What to do about it, for the error message.</summary>
    public static string Fix(int errno) => errno switch
    {
        NotPermitted or AccessDenied => "the daemon needs CAP_NET_ADMIN: run it as root or give the unit AmbientCapabilities=CAP_NET_ADMIN",
        NoSuchDevice => "the interface is gone (modem unplugged, reset or the interface renamed); it is configured again when it reappears",
        Exists => "something else already configured the same entry; remove it or let the other network manager own this interface (IpConfiguration = report)",
        InvalidArgument or Range => "the kernel rejected the values (prefix length, MTU outside the link's range); check the settings the modem reported",
        NetworkUnreachable => "the gateway is not reachable through the interface's addresses; check the prefix length the modem reported",
        NotSupported => "the interface does not support this (wrong driver mode?)",
        NoBufferSpace => "the kernel ran out of netlink buffer space; retry",
        _ => "see the kernel log (dmesg) for details",
    };
}
