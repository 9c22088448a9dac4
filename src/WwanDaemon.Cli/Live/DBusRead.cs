using WwanDaemon.DBus.Values;

namespace WwanDaemon.Cli.Live;

/// <summary>
/// Reads the values the daemon sends (variants, a{sv} dictionaries, arrays) leniently: a property
/// missing or of an unexpected type reads as null, so an older or newer daemon still prints what it has.
/// </summary>
public static class DBusRead
{
    public static DBusValue Unwrap(DBusValue value) => value is VariantValue variant ? Unwrap(variant.Value) : value;

    /// <summary>An a{sv} (or a{ov}, a{s a{sv}}) as a dictionary keyed by the string or path; variants unwrapped.</summary>
    public static IReadOnlyDictionary<string, DBusValue> Dictionary(DBusValue? value)
    {
        var result = new Dictionary<string, DBusValue>(StringComparer.Ordinal);
        if (value is not null && Unwrap(value) is ArrayValue array)
        {
            foreach (var item in array.Items)
            {
                if (item is DictEntryValue entry && Text(entry.Key) is { } key)
                {
                    result[key] = Unwrap(entry.Value);
                }
            }
        }
        return result;
    }

    public static string? Text(DBusValue? value) => value is null ? null : Unwrap(value) switch
    {
        StringValue s => s.Value,
        ObjectPathValue o => o.Value,
        _ => null,
    };

    public static long? Number(DBusValue? value) => value is null ? null : Unwrap(value) switch
    {
        ByteValue b => b.Value,
        Int32Value i => i.Value,
        UInt32Value u => u.Value,
        Int64Value x => x.Value,
        UInt64Value t => (long)t.Value,
        _ => null,
    };

    public static bool? Boolean(DBusValue? value) => value is null ? null : Unwrap(value) switch
    {
        BooleanValue b => b.Value,
        _ => null,
    };

    public static IReadOnlyList<DBusValue> Items(DBusValue? value) => value is not null && Unwrap(value) is ArrayValue array ? array.Items : [];

    public static IReadOnlyList<DBusValue> Fields(DBusValue? value) => value is not null && Unwrap(value) is StructValue s ? s.Fields : [];

    public static IReadOnlyList<string> Texts(DBusValue? value) => Items(value).Select(Text).OfType<string>().ToArray();

    public static string? Get(this IReadOnlyDictionary<string, DBusValue> properties, string name) =>
        properties.TryGetValue(name, out var value) ? Text(value) : null;

    public static long? GetNumber(this IReadOnlyDictionary<string, DBusValue> properties, string name) =>
        properties.TryGetValue(name, out var value) ? Number(value) : null;

    public static bool? GetBoolean(this IReadOnlyDictionary<string, DBusValue> properties, string name) =>
        properties.TryGetValue(name, out var value) ? Boolean(value) : null;
}
