using System.Runtime.InteropServices;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Native;

namespace WwanDaemon.DBus.Values;

/// <summary>
/// Appends <see cref="DBusValue"/>s to a message with append_basic / open_container (the variadic
/// sd_bus_message_append cannot be called through P/Invoke).
/// </summary>
internal static unsafe class DBusMessageWriter
{
    public static void Append(IntPtr message, DBusValue value)
    {
        switch (value)
        {
            case ByteValue v: AppendCell(message, 'y', v.Value); break;
            case BooleanValue v: AppendCell(message, 'b', v.Value ? 1UL : 0UL); break; // a 4-byte int, little end first
            case Int32Value v: AppendCell(message, 'i', (uint)v.Value); break;
            case UInt32Value v: AppendCell(message, 'u', v.Value); break;
            case Int64Value v: AppendCell(message, 'x', (ulong)v.Value); break;
            case UInt64Value v: AppendCell(message, 't', v.Value); break;
            case DoubleValue v: AppendCell(message, 'd', BitConverter.DoubleToUInt64Bits(v.Value)); break;
            case StringValue v: AppendString(message, 's', v.Value); break;
            case ObjectPathValue v: AppendString(message, 'o', v.Value); break;
            case VariantValue v: AppendContainer(message, 'v', v.Value.Signature, [v.Value]); break;
            case StructValue v: AppendContainer(message, 'r', v.Signature[1..^1], v.Fields); break;
            case DictEntryValue v: AppendContainer(message, 'e', v.Signature[1..^1], [v.Key, v.Value]); break;
            case ArrayValue v: AppendContainer(message, 'a', v.ElementSignature, v.Items); break;
            default: throw new DBusException(null, $"D-Bus: cannot append {value.GetType().Name}");
        }
    }

    private static void AppendCell(IntPtr message, char type, ulong cell)
    {
        // append_basic reads the value through a pointer of the type's own size; a little-endian
        // 8-byte cell holds every width at its start.
        Check(SdBus.AppendBasic(message, (byte)type, (IntPtr)(&cell)), $"appending a '{type}'");
    }

    private static void AppendString(IntPtr message, char type, string text)
    {
        // For string types append_basic takes the string itself (const char*), not a pointer to it.
        var utf8 = Marshal.StringToCoTaskMemUTF8(text);
        try
        {
            Check(SdBus.AppendBasic(message, (byte)type, utf8), $"appending a '{type}'");
        }
        finally
        {
            Marshal.FreeCoTaskMem(utf8);
        }
    }

    private static void AppendContainer(IntPtr message, char type, string contents, IEnumerable<DBusValue> items)
    {
        Check(SdBus.OpenContainer(message, (byte)type, contents), $"opening '{type}' container of '{contents}'");
        foreach (var item in items)
        {
            Append(message, item);
        }
        Check(SdBus.CloseContainer(message), $"closing '{type}' container of '{contents}'");
    }

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new DBusException(null, $"D-Bus: {what}: {Marshal.GetPInvokeErrorMessage(-result)} (errno {-result})");
        }
    }
}
