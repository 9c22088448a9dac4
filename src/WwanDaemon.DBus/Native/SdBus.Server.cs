using System.Runtime.InteropServices;

namespace WwanDaemon.DBus.Native;

/// <summary>The sd-bus calls the bus loop and the object server use (sd_bus_process(3), sd_bus_add_object(3), sd_bus_message_read_basic(3)).</summary>
internal static unsafe partial class SdBus
{
    [LibraryImport(Library, EntryPoint = "sd_bus_get_fd")]
    internal static partial int GetFd(IntPtr bus);

    [LibraryImport(Library, EntryPoint = "sd_bus_get_events")]
    internal static partial int GetEvents(IntPtr bus);

    [LibraryImport(Library, EntryPoint = "sd_bus_get_timeout")]
    internal static partial int GetTimeout(IntPtr bus, out ulong absoluteMonotonicMicroseconds);

    [LibraryImport(Library, EntryPoint = "sd_bus_process")]
    internal static partial int Process(IntPtr bus, IntPtr message);

    [LibraryImport(Library, EntryPoint = "sd_bus_flush")]
    internal static partial int Flush(IntPtr bus);

    [LibraryImport(Library, EntryPoint = "sd_bus_request_name", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int RequestName(IntPtr bus, string name, ulong flags);

    [LibraryImport(Library, EntryPoint = "sd_bus_add_fallback", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int AddFallback(IntPtr bus, out IntPtr slot, string prefix, delegate* unmanaged<IntPtr, IntPtr, IntPtr, int> callback, IntPtr userData);

    [LibraryImport(Library, EntryPoint = "sd_bus_add_match", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int AddMatch(IntPtr bus, out IntPtr slot, string match, delegate* unmanaged<IntPtr, IntPtr, IntPtr, int> callback, IntPtr userData);

    [LibraryImport(Library, EntryPoint = "sd_bus_slot_unref")]
    internal static partial IntPtr SlotUnref(IntPtr slot);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_get_path")]
    internal static partial IntPtr MessageGetPath(IntPtr message);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_get_interface")]
    internal static partial IntPtr MessageGetInterface(IntPtr message);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_get_member")]
    internal static partial IntPtr MessageGetMember(IntPtr message);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_get_signature")]
    internal static partial IntPtr MessageGetSignature(IntPtr message, int complete);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_get_type")]
    internal static partial int MessageGetType(IntPtr message, out byte type);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_new_method_return")]
    internal static partial int NewMethodReturn(IntPtr call, out IntPtr reply);

    [LibraryImport(Library, EntryPoint = "sd_bus_reply_method_error")]
    internal static partial int ReplyMethodError(IntPtr call, ref Error error);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_new_signal", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int NewSignal(IntPtr bus, out IntPtr message, string path, string @interface, string member);

    [LibraryImport(Library, EntryPoint = "sd_bus_send")]
    internal static partial int Send(IntPtr bus, IntPtr message, IntPtr cookie);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_peek_type")]
    internal static partial int PeekType(IntPtr message, out byte type, out IntPtr contents);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_enter_container", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int EnterContainer(IntPtr message, byte type, string contents);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_exit_container")]
    internal static partial int ExitContainer(IntPtr message);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_seal")]
    internal static partial int Seal(IntPtr message, ulong cookie, ulong timeout);
}

/// <summary>The libc calls the bus loop needs: an eventfd to wake it and poll(2) to wait.</summary>
internal static partial class LibC
{
    internal const short PollIn = 0x001;

    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short ReturnedEvents;
    }

    [LibraryImport("libc", EntryPoint = "eventfd", SetLastError = true)]
    internal static partial int EventFd(uint initialValue, int flags);

    [LibraryImport("libc", EntryPoint = "read", SetLastError = true)]
    internal static partial nint Read(int fd, ref ulong value, nint count);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    internal static partial nint Write(int fd, ref ulong value, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    internal static partial int Close(int fd);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    internal static partial int Poll([In, Out] PollFd[] fds, nuint count, int timeoutMilliseconds);
}

/// <summary>CLOCK_MONOTONIC, the clock sd_bus_get_timeout answers in.</summary>
internal static partial class MonotonicClock
{
    private const int ClockMonotonic = 1;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    internal static ulong NowMicroseconds()
    {
        ClockGetTime(ClockMonotonic, out var time);
        return (ulong)time.Seconds * 1_000_000UL + (ulong)time.Nanoseconds / 1000UL;
    }
}
