using System.Runtime.InteropServices;
using System.Text;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Native;

namespace WwanDaemon.DBus.Client;

/// <summary>
/// <see cref="IDBusClient"/> over sd-bus. Blocking calls with a timeout; one caller at a time (sd-bus
/// objects are not thread-safe, so calls are serialised here).
/// </summary>
public sealed class SdBusClient : IDBusClient
{
    private readonly Lock gate = new();
    private readonly TimeSpan timeout;
    private IntPtr bus;

    private SdBusClient(IntPtr bus, string description, TimeSpan timeout)
    {
        this.bus = bus;
        Description = description;
        this.timeout = timeout;
    }

    /// <summary>"the system bus" or the address given.</summary>
    public string Description { get; }

    /// <summary>
    /// Connects to <paramref name="address"/>, or to the system bus when null (sd-bus honours
    /// DBUS_SYSTEM_BUS_ADDRESS, so a private dbus-daemon works for tests).
    /// </summary>
    /// <exception cref="DBusException">No bus there, or libsystemd is missing.</exception>
    public static SdBusClient Connect(string? address = null, TimeSpan? timeout = null)
    {
        var description = address ?? "the system bus";
        var bus = SdBusOpener.Open(address, description);
        return new SdBusClient(bus, description, timeout ?? TimeSpan.FromSeconds(5));
    }

    public void Call(string destination, string path, string @interface, string member, params DBusArgument[] arguments)
    {
        lock (gate)
        {
            var reply = CallLocked(destination, path, @interface, member, arguments);
            SdBus.MessageUnref(reply);
        }
    }

    public bool NameHasOwner(string name)
    {
        lock (gate)
        {
            var reply = CallLocked("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "NameHasOwner", [DBusArgument.String(name)]);
            try
            {
                var value = Marshal.AllocHGlobal(sizeof(int));
                try
                {
                    Check(SdBus.ReadBasic(reply, (byte)'b', value), "reading NameHasOwner's answer"); // D-Bus booleans are 4-byte ints
                    return Marshal.ReadInt32(value) != 0;
                }
                finally
                {
                    Marshal.FreeHGlobal(value);
                }
            }
            finally
            {
                SdBus.MessageUnref(reply);
            }
        }
    }

    private IntPtr CallLocked(string destination, string path, string @interface, string member, IReadOnlyList<DBusArgument> arguments)
    {
        ObjectDisposedException.ThrowIf(bus == IntPtr.Zero, this);
        var what = $"{destination} {@interface}.{member}";
        Check(SdBus.NewMethodCall(bus, out var message, destination, path, @interface, member), $"building {what}");
        try
        {
            foreach (var argument in arguments)
            {
                Append(message, argument, what);
            }
            var error = default(SdBus.Error);
            var result = SdBus.Call(bus, message, (ulong)(timeout.Ticks / 10), ref error, out var reply);
            try
            {
                if (result < 0)
                {
                    var name = error.Name == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(error.Name);
                    var text = error.Message == IntPtr.Zero ? Marshal.GetPInvokeErrorMessage(-result) : Marshal.PtrToStringUTF8(error.Message);
                    throw new DBusException(name, $"D-Bus: {what} on {Description} failed: {name ?? "errno " + -result}: {text}");
                }
                return reply;
            }
            finally
            {
                SdBus.ErrorFree(ref error);
            }
        }
        finally
        {
            SdBus.MessageUnref(message);
        }
    }

    private static void Append(IntPtr message, DBusArgument argument, string what)
    {
        switch (argument)
        {
            case DBusArgument.Int32Argument number:
                var cell = Marshal.AllocHGlobal(sizeof(int));
                try
                {
                    Marshal.WriteInt32(cell, number.Value);
                    Check(SdBus.AppendBasic(message, (byte)'i', cell), what);
                }
                finally
                {
                    Marshal.FreeHGlobal(cell);
                }
                break;
            case DBusArgument.StringArgument text:
                // For string types append_basic takes the string itself (const char*), not a pointer to it.
                var utf8 = Marshal.StringToCoTaskMemUTF8(text.Value);
                try
                {
                    Check(SdBus.AppendBasic(message, (byte)'s', utf8), what);
                }
                finally
                {
                    Marshal.FreeCoTaskMem(utf8);
                }
                break;
            case DBusArgument.BytesArgument bytes:
                var buffer = Marshal.AllocHGlobal(Math.Max(1, bytes.Value.Length));
                try
                {
                    Marshal.Copy(bytes.Value, 0, buffer, bytes.Value.Length);
                    Check(SdBus.AppendArray(message, (byte)'y', buffer, (nuint)bytes.Value.Length), what);
                }
                finally
                {
                    Marshal.FreeHGlobal(buffer);
                }
                break;
            case DBusArgument.StructArgument structure:
                Check(SdBus.OpenContainer(message, (byte)'r', structure.Signature[1..^1]), what);
                foreach (var field in structure.Fields)
                {
                    Append(message, field, what);
                }
                Check(SdBus.CloseContainer(message), what);
                break;
            case DBusArgument.VariantArgument variant:
                Check(SdBus.OpenContainer(message, (byte)'v', variant.Value.Signature), what);
                Append(message, variant.Value, what);
                Check(SdBus.CloseContainer(message), what);
                break;
            case DBusArgument.ArrayArgument array:
                Check(SdBus.OpenContainer(message, (byte)'a', array.ElementSignature), what);
                foreach (var item in array.Items)
                {
                    Append(message, item, what);
                }
                Check(SdBus.CloseContainer(message), what);
                break;
        }
    }

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new DBusException(null, $"D-Bus: {what}: {Marshal.GetPInvokeErrorMessage(-result)} (errno {-result})");
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (bus != IntPtr.Zero)
            {
                SdBus.FlushCloseUnref(bus);
                bus = IntPtr.Zero;
            }
        }
    }
}
