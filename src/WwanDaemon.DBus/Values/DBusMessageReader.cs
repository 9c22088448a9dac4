using System.Runtime.InteropServices;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Native;

namespace WwanDaemon.DBus.Values;

/// <summary>
/// Reads a message's arguments into <see cref="DBusValue"/>s with sd_bus_message_peek_type /
/// read_basic / enter_container (sd_bus_message_read_basic(3)). Strings read point into the message,
/// so they are copied at once.
/// </summary>
internal static unsafe class DBusMessageReader
{
    /// <summary>Every argument left at the current level, in order.</summary>
    public static List<DBusValue> ReadAll(IntPtr message)
    {
        var values = new List<DBusValue>();
        while (TryRead(message, out var value))
        {
            values.Add(value);
        }
        return values;
    }

    private static bool TryRead(IntPtr message, out DBusValue value)
    {
        var result = SdBus.PeekType(message, out var type, out var contentsPointer);
        Check(result, "peeking at the next argument");
        if (result == 0)
        {
            value = null!;
            return false;
        }
        var contents = contentsPointer == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(contentsPointer) ?? "";
        value = type switch
        {
            (byte)'a' => ReadContainer(message, type, contents, items => new ArrayValue(contents, items)),
            (byte)'r' => ReadContainer(message, type, contents, fields => new StructValue(fields)),
            (byte)'e' => ReadContainer(message, type, contents, pair => new DictEntryValue(pair[0], pair[1])),
            (byte)'v' => ReadContainer(message, type, contents, inner => new VariantValue(inner[0])),
            _ => ReadBasic(message, type),
        };
        return true;
    }

    private static DBusValue ReadContainer(IntPtr message, byte type, string contents, Func<List<DBusValue>, DBusValue> build)
    {
        Check(SdBus.EnterContainer(message, type, contents), $"entering '{(char)type}' container of '{contents}'");
        var inner = ReadAll(message);
        Check(SdBus.ExitContainer(message), $"leaving '{(char)type}' container of '{contents}'");
        return build(inner);
    }

    private static DBusValue ReadBasic(IntPtr message, byte type)
    {
        ulong cell = 0; // 8 bytes: room for every basic type, or for a char* into the message
        Check(SdBus.ReadBasic(message, type, (IntPtr)(&cell)), $"reading a '{(char)type}'");
        return type switch
        {
            (byte)'y' => new ByteValue((byte)cell),
            (byte)'b' => new BooleanValue(*(int*)&cell != 0), // D-Bus booleans are 4-byte ints
            (byte)'n' => new Int32Value(*(short*)&cell),
            (byte)'q' => new UInt32Value(*(ushort*)&cell),
            (byte)'i' => new Int32Value(*(int*)&cell),
            (byte)'u' => new UInt32Value(*(uint*)&cell),
            (byte)'x' => new Int64Value(*(long*)&cell),
            (byte)'t' => new UInt64Value(cell),
            (byte)'d' => new DoubleValue(*(double*)&cell),
            (byte)'s' => new StringValue(Marshal.PtrToStringUTF8((IntPtr)cell) ?? ""),
            (byte)'o' => new ObjectPathValue(Marshal.PtrToStringUTF8((IntPtr)cell) ?? ""),
            (byte)'g' => new StringValue(Marshal.PtrToStringUTF8((IntPtr)cell) ?? ""),
            _ => throw new DBusException(null, $"D-Bus: reading type '{(char)type}' is not supported"),
        };
    }

    private static void Check(int result, string what)
    {
        if (result < 0)
        {
            throw new DBusException(null, $"D-Bus: {what}: {Marshal.GetPInvokeErrorMessage(-result)} (errno {-result})");
        }
    }
}
