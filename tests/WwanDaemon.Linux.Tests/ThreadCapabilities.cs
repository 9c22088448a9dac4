using System.Globalization;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace WwanDaemon.Linux.Tests;

/// <summary>
/// Runs code as an unprivileged opener would: on a fresh OS thread whose effective capability set
/// lacks CAP_SYS_ADMIN. Linux capabilities are per thread and the capset(2) syscall (glibc's capset
/// is the bare syscall) changes only the calling thread, so the rest of the test process keeps root's.
/// Needed because the kernel does not enforce TIOCEXCL against CAP_SYS_ADMIN (tty_io.c, tty_reopen),
/// and CI runs the tests as root.
/// </summary>
internal static partial class ThreadCapabilities
{
    private const uint Version3 = 0x20080522; // _LINUX_CAPABILITY_VERSION_3, linux/capability.h
    private const int SysAdmin = 21;          // CAP_SYS_ADMIN

    /// <summary>Whether this process's effective set holds CAP_SYS_ADMIN (from /proc/self/status CapEff).</summary>
    public static bool ProcessHasSysAdmin()
    {
        var line = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("CapEff:", StringComparison.Ordinal));
        var effective = ulong.Parse(line["CapEff:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (effective & (1UL << SysAdmin)) != 0;
    }

    /// <summary>Runs <paramref name="action"/> on a new thread without CAP_SYS_ADMIN; rethrows what it throws.</summary>
    public static T RunWithoutSysAdmin<T>(Func<T> action)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                DropSysAdminFromThisThread();
                result = action();
            }
            catch (Exception error)
            {
                failure = ExceptionDispatchInfo.Capture(error);
            }
        });
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private static unsafe void DropSysAdminFromThisThread()
    {
        var header = new Header { Version = Version3, Pid = 0 };
        var data = stackalloc Data[2];
        if (Capget(&header, data) != 0)
        {
            throw new IOException($"capget failed: errno {Marshal.GetLastPInvokeError()}");
        }
        data[0].Effective &= ~(1u << SysAdmin);
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
    private static unsafe partial int Capget(Header* header, Data* data);

    [LibraryImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static unsafe partial int Capset(Header* header, Data* data);
}
