namespace WwanDaemon.DBus.Client;

/// <summary>
/// A method argument, typed as D-Bus types it (D-Bus specification, "Type System"): the few shapes
/// the daemon sends. Built with the factory methods; <see cref="Signature"/> is what it appends.
/// </summary>
public abstract record DBusArgument
{
    private DBusArgument()
    {
    }

    public abstract string Signature { get; }

    public static DBusArgument Int32(int value) => new Int32Argument(value);

    public static DBusArgument String(string value) => new StringArgument(value);

    public static DBusArgument Bytes(byte[] value) => new BytesArgument(value);

    /// <summary>A struct of the given fields ("(iay)").</summary>
    public static DBusArgument Struct(params DBusArgument[] fields) => new StructArgument(fields);

    /// <summary>An array whose elements all have <paramref name="elementSignature"/> (empty arrays need it spelled out).</summary>
    public static DBusArgument Array(string elementSignature, IReadOnlyList<DBusArgument> items) => new ArrayArgument(elementSignature, items);

    /// <summary>A variant holding <paramref name="value"/> ("v").</summary>
    public static DBusArgument Variant(DBusArgument value) => new VariantArgument(value);

    internal sealed record VariantArgument(DBusArgument Value) : DBusArgument
    {
        public override string Signature => "v";
    }

    internal sealed record Int32Argument(int Value) : DBusArgument
    {
        public override string Signature => "i";
    }

    internal sealed record StringArgument(string Value) : DBusArgument
    {
        public override string Signature => "s";
    }

    internal sealed record BytesArgument(byte[] Value) : DBusArgument
    {
        public override string Signature => "ay";
    }

    internal sealed record StructArgument(IReadOnlyList<DBusArgument> Fields) : DBusArgument
    {
        public override string Signature => "(" + string.Concat(Fields.Select(f => f.Signature)) + ")";
    }

    internal sealed record ArrayArgument(string ElementSignature, IReadOnlyList<DBusArgument> Items) : DBusArgument
    {
        public override string Signature => "a" + ElementSignature;
    }
}
