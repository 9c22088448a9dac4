using System.Runtime.InteropServices;

namespace WwanDaemon.Systemd.Native;

/// <summary>
/// The few libsystemd.so.0 entry points the daemon uses (sd_notify(3), sd_watchdog_enabled(3),
/// sd_journal_sendv(3)). None is variadic: sd_journal_send is, and variadic calls cannot be
/// declared portably through P/Invoke, so entries go through sd_journal_sendv's iovec array.
/// </summary>
internal static unsafe partial class LibSystemd
{
    public const string LibraryName = "libsystemd.so.0";

    private static readonly Lazy<bool> Loaded = new(() => NativeLibrary.TryLoad(LibraryName, out _));

    /// <summary>
    /// False when libsystemd.so.0 cannot be loaded (a container or a distribution without systemd):
    /// callers check this and degrade with one warning instead of throwing DllNotFoundException.
    /// </summary>
    public static bool IsAvailable => Loaded.Value;

    /// <summary>int sd_notify(int unset_environment, const char *state): &gt;0 sent, 0 no NOTIFY_SOCKET, &lt;0 -errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "sd_notify", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Notify(int unsetEnvironment, string state);

    /// <summary>int sd_watchdog_enabled(int unset_environment, uint64_t *usec): &gt;0 enabled (usec set), 0 not, &lt;0 -errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "sd_watchdog_enabled")]
    public static partial int WatchdogEnabled(int unsetEnvironment, out ulong microseconds);

    /// <summary>int sd_journal_sendv(const struct iovec *iov, int n): 0 or -errno.</summary>
    [LibraryImport(LibraryName, EntryPoint = "sd_journal_sendv")]
    public static partial int JournalSendVector(IoVector* vectors, int count);
}

/// <summary>struct iovec { void *iov_base; size_t iov_len; } (readv(2)).</summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly unsafe struct IoVector(byte* start, nuint length)
{
    public readonly byte* Start = start;
    public readonly nuint Length = length;
}
