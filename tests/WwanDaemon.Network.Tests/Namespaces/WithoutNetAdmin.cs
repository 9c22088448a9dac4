using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace WwanDaemon.Network.Tests.Namespaces;

/// <summary>
/// Runs code on a fresh thread whose effective capabilities lack CAP_NET_ADMIN, as a daemon started
/// without it would. capset(2) changes only the calling thread. rtnetlink checks the sender's
/// capability when the request arrives (netlink_net_capable → ns_capable(current), net/netlink/af_netlink.c),
/// and the request is processed on the sending thread, so this thread's requests get EPERM.
/// </summary>
internal static unsafe partial class WithoutNetAdmin
{
    private const uint CapabilityVersion3 = 0x20080522; // _LINUX_CAPABILITY_VERSION_3, linux/capability.h
    private const int NetAdmin = 12;                     // CAP_NET_ADMIN, linux/capability.h

    public static void Run(Action action)
    {
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                DropNetAdmin();
                action();
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception); // rethrown on the test's thread below
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
    }

    private static void DropNetAdmin()
    {
        var header = new Header { Version = CapabilityVersion3, Pid = 0 };
        var data = stackalloc Data[2];
        if (Capget(&header, data) != 0)
        {
            throw new IOException($"capget failed: errno {Marshal.GetLastPInvokeError()}");
        }
        data[0].Effective &= ~(1u << NetAdmin);
        if (Capset(&header, data) != 0)
        {
            throw new IOException($"capset failed: errno {Marshal.GetLastPInvokeError()}");
        }
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

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static partial int Capset(Header* header, Data* data);
}
