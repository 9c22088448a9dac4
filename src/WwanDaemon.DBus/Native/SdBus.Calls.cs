using System.Runtime.InteropServices;

namespace WwanDaemon.DBus.Native;

/// <summary>sd-bus entry points for deferred replies, caller credentials and asynchronous calls (sd-bus.h, systemd 252).</summary>
internal static unsafe partial class SdBus
{
    /// <summary>SD_BUS_CREDS_PID, SD_BUS_CREDS_UID, SD_BUS_CREDS_EUID and SD_BUS_CREDS_AUGMENT (ask the bus when the message lacks them).</summary>
    internal const ulong CredsPid = 1UL << 0;
    internal const ulong CredsUid = 1UL << 3;
    internal const ulong CredsEuid = 1UL << 4;
    internal const ulong CredsAugment = 1UL << 63;

    [LibraryImport(Library, EntryPoint = "sd_bus_message_ref")]
    internal static partial IntPtr MessageRef(IntPtr message);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_get_sender")]
    internal static partial IntPtr MessageGetSender(IntPtr message);

    [LibraryImport(Library, EntryPoint = "sd_bus_message_get_error")]
    internal static partial IntPtr MessageGetError(IntPtr message);

    [LibraryImport(Library, EntryPoint = "sd_bus_query_sender_creds")]
    internal static partial int QuerySenderCreds(IntPtr message, ulong mask, out IntPtr creds);

    [LibraryImport(Library, EntryPoint = "sd_bus_creds_get_euid")]
    internal static partial int CredsGetEuid(IntPtr creds, out uint uid);

    [LibraryImport(Library, EntryPoint = "sd_bus_creds_get_uid")]
    internal static partial int CredsGetUid(IntPtr creds, out uint uid);

    [LibraryImport(Library, EntryPoint = "sd_bus_creds_get_pid")]
    internal static partial int CredsGetPid(IntPtr creds, out int pid);

    [LibraryImport(Library, EntryPoint = "sd_bus_creds_unref")]
    internal static partial IntPtr CredsUnref(IntPtr creds);

    [LibraryImport(Library, EntryPoint = "sd_bus_call_async")]
    internal static partial int CallAsync(IntPtr bus, IntPtr slotOrNull, IntPtr message, delegate* unmanaged<IntPtr, IntPtr, IntPtr, int> callback, IntPtr userData, ulong timeoutMicroseconds);
}
