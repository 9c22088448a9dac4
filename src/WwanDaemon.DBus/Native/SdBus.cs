using System.Runtime.InteropServices;

namespace WwanDaemon.DBus.Native;

/// <summary>
/// The sd-bus calls this project uses (libsystemd.so.0, sd-bus(3), systemd 252). No variadic call is
/// used: messages are built with append_basic / open_container / append_array. Return values are
/// 0 or positive on success and a negative errno on failure.
/// </summary>
internal static unsafe partial class SdBus
{
    private const string Library = "libsystemd.so.0";

    /// <summary>sd_bus_error: name, message, _need_free (sd-bus.h).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Error
    {
        public IntPtr Name;
        public IntPtr Message;
        public int NeedFree;
    }

    [LibraryImport(Library, EntryPoint = "sd_bus_open_system")]
    internal static partial int OpenSystem(out IntPtr bus);

    [LibraryImport(Library, EntryPoint = "sd_bus_new")]
    internal static partial int New(out IntPtr bus);

    [LibraryImport(Library, EntryPoint = "sd_bus_set_address", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int SetAddress(IntPtr bus, string address);

    [LibraryImport(Library, EntryPoint = "sd_bus_set_bus_client")]
    internal static partial int SetBusClient(IntPtr bus, int client);

    [LibraryImport(Library, EntryPoint = "sd_bus_start")]
    internal static partial int Start(IntPtr bus);

    [LibraryImport(Library, EntryPoint = "sd_bus_flush_close_unref")]
    internal static partial IntPtr FlushCloseUnref(IntPtr bus);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_new_method_call", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int NewMethodCall(IntPtr bus, out IntPtr message, string destination, string path, string @interface, string member);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_unref")]
    internal static partial IntPtr MessageUnref(IntPtr message);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_append_basic")]
    internal static partial int AppendBasic(IntPtr message, byte type, IntPtr value);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_append_array")]
    internal static partial int AppendArray(IntPtr message, byte type, IntPtr data, nuint size);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_open_container", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int OpenContainer(IntPtr message, byte type, string contents);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_close_container")]
    internal static partial int CloseContainer(IntPtr message);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_read_basic")]
    internal static partial int ReadBasic(IntPtr message, byte type, IntPtr value);

    [LibraryImport(Library, EntryPoint = "sd_bus_call")]
    internal static partial int Call(IntPtr bus, IntPtr message, ulong timeoutMicroseconds, ref Error error, out IntPtr reply);

    [LibraryImport(Library, EntryPoint = "sd_bus_error_free")]
    internal static partial void ErrorFree(ref Error error);
}
