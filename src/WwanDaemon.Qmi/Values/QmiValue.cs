using System.Globalization;

namespace WwanDaemon.Qmi.Values;

/// <summary>A decoded field value: the engine's one value model for every declared message.</summary>
public abstract record QmiValue
{
    /// <summary>The integer, or a clear error naming what it is instead.</summary>
    public long AsInteger() => this is QmiInteger integer ? integer.Value : throw new QmiProtocolException($"expected an integer, found {this}");

    public string AsString() => this is QmiString text ? text.Value : throw new QmiProtocolException($"expected a string, found {this}");

    public IReadOnlyList<QmiValue> AsArray() => this is QmiArray array ? array.Items : throw new QmiProtocolException($"expected an array, found {this}");

    public QmiStruct AsStruct() => this is QmiStruct fields ? fields : throw new QmiProtocolException($"expected a struct, found {this}");
}

public sealed record QmiInteger(long Value) : QmiValue
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

public sealed record QmiString(string Value) : QmiValue
{
    public override string ToString() => $"'{Value}'";
}

public sealed record QmiBytes(byte[] Value) : QmiValue
{
    public bool Equals(QmiBytes? other) => other is not null && Value.AsSpan().SequenceEqual(other.Value);

    public override int GetHashCode() => Value.Length;

    public override string ToString() => Convert.ToHexString(Value);
}

public sealed record QmiArray(IReadOnlyList<QmiValue> Items) : QmiValue
{
    public bool Equals(QmiArray? other) => other is not null && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => Items.Count;

    public override string ToString() => "[" + string.Join(", ", Items) + "]";
}

/// <summary>A named value inside a struct or a message.</summary>
public sealed record QmiField(string Name, QmiValue Value)
{
    public override string ToString() => $"{Name}={Value}";
}

/// <summary>Fields in declaration order.</summary>
public sealed record QmiStruct(IReadOnlyList<QmiField> Fields) : QmiValue
{
    public QmiValue this[string name] => Fields.FirstOrDefault(f => f.Name == name)?.Value
        ?? throw new QmiProtocolException($"no field '{name}' in {this}");

    public bool Equals(QmiStruct? other) => other is not null && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => Fields.Count;

    public override string ToString() => "{" + string.Join(", ", Fields) + "}";
}
