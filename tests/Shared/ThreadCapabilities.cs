using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace WwanDaemon.Tests;

/// <summary>
/// Runs code as a process without one capability would: on a fresh OS thread whose effective set
/// lacks it. Linux capabilities are per thread and capset(2) (glibc's capset is the bare syscall)
/// changes only the calling thread, so the rest of the test process keeps root's. Used where the
/// kernel checks the calling thread: TIOCEXCL is not enforced against CAP_SYS_ADMIN (tty_io.c,
/// tty_reopen); rtnetlink requests are checked against CAP_NET_ADMIN of the sender
/// (netlink_net_capable, net/netlink/af_netlink.c).
/// </summary>
internal static class ThreadCapabilities
{
    /// <summary>CAP_NET_ADMIN (linux/capability.h).</summary>
    public const int NetAdmin = 12;

    /// <summary>CAP_SYS_ADMIN (linux/capability.h).</summary>
    public const int SysAdmin = 21;

    private const uint Version3 = 0x20080522; // _LINUX_CAPABILITY_VERSION_3, linux/capability.h

    /// <summary>Whether this process's effective set holds <paramref name="capability"/> (from /proc/self/status CapEff).</summary>
    public static bool ProcessHas(int capability)
    {
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        var effective = ulong.Parse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (effective & (1UL << capability)) != 0;
    }

    /// <summary>Runs <paramref name="action"/> on a new thread without <paramref name="capability"/>; rethrows what it throws.</summary>
    public static T RunWithout<T>(int capability, Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                Drop(capability);
                result = action();
            }
            catch (Exception error)
            {
                failure = ExceptionDispatchInfo.Capture(error); // rethrown on the test's thread below
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    public static void RunWithout(int capability, Action action) => RunWithout(capability, () =>
    {
        action();
        return 0;
    });

    private static void Drop(int capability)
    {
        var header = new Header { Version = Version3, Pid = 0 };
        var data = new Data[2];
        if (Capget(ref header, data) != 0)
        {
            throw new IOException($"capget failed: errno {Marshal.GetLastPInvokeError()}");
        }
        data[0].Effective &= ~(1u << capability);
        if (Capset(ref header, data) != 0)
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

#pragma warning disable SYSLIB1054 // classic marshalling keeps this shared test file free of unsafe code
    [DllImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static extern int Capget(ref Header header, [In, Out] Data[] data);

    [DllImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static extern int Capset(ref Header header, [In, Out] Data[] data);
#pragma warning restore SYSLIB1054
}
