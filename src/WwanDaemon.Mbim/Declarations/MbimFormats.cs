namespace WwanDaemon.Mbim.Declarations;

/// <summary>The field formats the engine reads and writes (libmbim's names; docs/mbim-declarations.md).</summary>
public static class MbimFormats
{
    public const string Guint32 = "guint32";
    public const string Gint32 = "gint32";
    public const string Guint64 = "guint64";
    public const string Uuid = "uuid";
    public const string String = "string";
    public const string StringArray = "string-array";
    public const string Guint32Array = "guint32-array";
    public const string Struct = "struct";
    public const string StructArray = "struct-array";
    public const string RefStructArray = "ref-struct-array";
    public const string Ipv4 = "ipv4";
    public const string Ipv6 = "ipv6";
    public const string RefIpv4 = "ref-ipv4";
    public const string RefIpv6 = "ref-ipv6";
    public const string Ipv4Array = "ipv4-array";
    public const string Ipv6Array = "ipv6-array";
    public const string RefByteArray = "ref-byte-array";
    public const string UnsizedByteArray = "unsized-byte-array";

    /// <summary>Every format the engine supports.</summary>
    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Guint32, Gint32, Guint64, Uuid, String, StringArray, Guint32Array, Struct, StructArray, RefStructArray,
        Ipv4, Ipv6, RefIpv4, RefIpv6, Ipv4Array, Ipv6Array, RefByteArray, UnsizedByteArray,
    };

    /// <summary>Formats whose count comes from an earlier field.</summary>
    public static bool NeedsArraySize(string format) =>
        format is StringArray or Guint32Array or StructArray or RefStructArray or Ipv4Array or Ipv6Array;

    /// <summary>Formats that refer to a struct.</summary>
    public static bool NeedsStruct(string format) => format is Struct or StructArray or RefStructArray;

    /// <summary>Bytes the field takes in the fixed part, or null when that depends on the value.</summary>
    public static int? FixedSize(MbimFieldDeclaration field) => field.Format switch
    {
        Guint32 or Gint32 or Ipv4 or RefIpv4 or Ipv4Array or Ipv6Array or StructArray or RefIpv6 => 4,
        Guint64 or String => 8,
        Uuid or Ipv6 => 16,
        RefByteArray => field.ArraySizeField is null ? 8 : 4,
        Struct => field.StructFields is { } fields ? StructSize(fields) : null,
        _ => null,
    };

    /// <summary>The size of a struct whose every field has a fixed size, else null.</summary>
    public static int? StructSize(IReadOnlyList<MbimFieldDeclaration> fields)
    {
        var total = 0;
        foreach (var field in fields)
        {
            if (FixedSize(field) is not { } size)
            {
                return null;
            }
            total += size;
        }
        return total;
    }

    /// <summary>Whether a struct carries data outside its fixed part (strings, arrays by reference).</summary>
    public static bool HasVariableData(IReadOnlyList<MbimFieldDeclaration> fields) => fields.Any(f => f.Format switch
    {
        String or StringArray or StructArray or RefStructArray or RefIpv4 or RefIpv6 or Ipv4Array or Ipv6Array or RefByteArray or UnsizedByteArray => true,
        Struct => f.StructFields is { } inner && HasVariableData(inner),
        _ => false,
    });
}
