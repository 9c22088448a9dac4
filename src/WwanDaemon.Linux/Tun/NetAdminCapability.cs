using System.Runtime.InteropServices;

namespace WwanDaemon.Linux.Tun;

/// <summary>Whether the calling thread holds CAP_NET_ADMIN (capget(2)), which creating TUN devices and rtnetlink changes need.</summary>
public static unsafe partial class NetAdminCapability
{
    private const uint CapabilityVersion3 = 0x20080522; // _LINUX_CAPABILITY_VERSION_3, linux/capability.h
    private const int NetAdmin = 12;                     // CAP_NET_ADMIN, linux/capability.h

    /// <summary>True when CAP_NET_ADMIN is in the calling thread's effective set.</summary>
    /// <exception cref="IOException">capget failed (never on Linux for the calling thread).</exception>
    public static bool IsEffective()
    {
        var header = new Header { Version = CapabilityVersion3, Pid = 0 };
        var data = stackalloc Data[2];
        if (Capget(&header, data) != 0)
        {
            throw new IOException($"capget failed: errno {Marshal.GetLastPInvokeError()}");
        }
        return (data[0].Effective & (1u << NetAdmin)) != 0;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Header
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Data
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [LibraryImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static partial int Capget(Header* header, Data* data);
}
