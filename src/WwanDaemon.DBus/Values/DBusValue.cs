namespace WwanDaemon.DBus.Values;

/// <summary>
/// A D-Bus value with its signature (D-Bus specification, "Type System"). What the object server reads
/// from calls and writes into replies and signals. Booleans travel as 4-byte ints on the wire.
/// </summary>
public abstract record DBusValue
{
    private protected DBusValue()
    {
    }

    /// <summary>The single complete type this value appends ("s", "a{sv}", "(iu)").</summary>
    public abstract string Signature { get; }

    public static DBusValue Byte(byte value) => new ByteValue(value);

    public static DBusValue Boolean(bool value) => new BooleanValue(value);

    public static DBusValue Int32(int value) => new Int32Value(value);

    public static DBusValue UInt32(uint value) => new UInt32Value(value);

    public static DBusValue Int64(long value) => new Int64Value(value);

    public static DBusValue UInt64(ulong value) => new UInt64Value(value);

    public static DBusValue Double(double value) => new DoubleValue(value);

    public static DBusValue String(string value) => new StringValue(value);

    public static DBusValue ObjectPath(string value) => new ObjectPathValue(value);

    public static DBusValue Variant(DBusValue value) => new VariantValue(value);

    public static DBusValue Struct(params DBusValue[] fields) => new StructValue(fields);

    /// <summary>An array whose elements all have <paramref name="elementSignature"/> (empty arrays need it spelled out).</summary>
    public static DBusValue Array(string elementSignature, IReadOnlyList<DBusValue> items) => new ArrayValue(elementSignature, items);

    /// <summary>A dictionary "a{K V}" from key/value pairs.</summary>
    public static DBusValue Dictionary(string keySignature, string valueSignature, IEnumerable<KeyValuePair<DBusValue, DBusValue>> entries) =>
        new ArrayValue("{" + keySignature + valueSignature + "}", entries.Select(e => (DBusValue)new DictEntryValue(e.Key, e.Value)).ToList());

    /// <summary>The a{sv} dictionary D-Bus APIs use for properties and options.</summary>
    public static DBusValue StringVariantDictionary(IEnumerable<KeyValuePair<string, DBusValue>> entries) =>
        Dictionary("s", "v", entries.Select(e => KeyValuePair.Create(String(e.Key), Variant(e.Value))));
}

public sealed record ByteValue(byte Value) : DBusValue
{
    public override string Signature => "y";
}

public sealed record BooleanValue(bool Value) : DBusValue
{
    public override string Signature => "b";
}

public sealed record Int32Value(int Value) : DBusValue
{
    public override string Signature => "i";
}

public sealed record UInt32Value(uint Value) : DBusValue
{
    public override string Signature => "u";
}

public sealed record Int64Value(long Value) : DBusValue
{
    public override string Signature => "x";
}

public sealed record UInt64Value(ulong Value) : DBusValue
{
    public override string Signature => "t";
}

public sealed record DoubleValue(double Value) : DBusValue
{
    public override string Signature => "d";
}

public sealed record StringValue(string Value) : DBusValue
{
    public override string Signature => "s";
}

public sealed record ObjectPathValue(string Value) : DBusValue
{
    public override string Signature => "o";
}

public sealed record VariantValue(DBusValue Value) : DBusValue
{
    public override string Signature => "v";
}

public sealed record StructValue(IReadOnlyList<DBusValue> Fields) : DBusValue
{
    public override string Signature => "(" + string.Concat(Fields.Select(f => f.Signature)) + ")";

    // Values compare by content, not by which list holds the fields.
    public bool Equals(StructValue? other) => other is not null && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => Fields.Aggregate(17, (hash, field) => HashCode.Combine(hash, field));
}

public sealed record DictEntryValue(DBusValue Key, DBusValue Value) : DBusValue
{
    public override string Signature => "{" + Key.Signature + Value.Signature + "}";
}

public sealed record ArrayValue(string ElementSignature, IReadOnlyList<DBusValue> Items) : DBusValue
{
    public override string Signature => "a" + ElementSignature;

    // Values compare by content, not by which list holds the items.
    public bool Equals(ArrayValue? other) => other is not null && ElementSignature == other.ElementSignature && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Aggregate(ElementSignature.GetHashCode(StringComparison.Ordinal), (hash, item) => HashCode.Combine(hash, item));
}
