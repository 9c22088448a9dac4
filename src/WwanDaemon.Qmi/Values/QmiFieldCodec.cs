using System.Buffers.Binary;
using System.Text;
using WwanDaemon.Qmi.Declarations;

namespace WwanDaemon.Qmi.Values;

/// <summary>
/// The one engine that reads and writes every declared field (docs/qmi-declarations.md, "Field
/// formats"): integers little-endian unless declared big-endian, strings and byte runs with a 0-, 1-
/// or 2-byte length prefix or a fixed size, arrays with a 1- or 2-byte count or a fixed count,
/// structs and sequences as their fields in a row. Untrusted lengths are checked against what is
/// left before anything is allocated.
/// </summary>
public static class QmiFieldCodec
{
    /// <summary>Decodes a whole TLV value.</summary>
    public static QmiValue DecodeTlv(QmiFieldDeclaration tlv, ReadOnlySpan<byte> value)
    {
        var offset = 0;
        var result = Read(tlv, value, ref offset, tlv.Name, lastInTlv: true);
        if (offset != value.Length)
        {
            throw new QmiProtocolException($"TLV '{tlv.Name}' (0x{tlv.TlvType:x2}) has {value.Length - offset} bytes after its declared fields");
        }
        return result;
    }

    /// <summary>Encodes a whole TLV value.</summary>
    public static byte[] EncodeTlv(QmiFieldDeclaration tlv, QmiValue value)
    {
        var output = new List<byte>();
        Write(tlv, value, output, tlv.Name, lastInTlv: true);
        return output.ToArray();
    }

    private static QmiValue Read(QmiFieldDeclaration field, ReadOnlySpan<byte> data, ref int offset, string path, bool lastInTlv)
    {
        switch (field.Format)
        {
            case "uint8" or "int8" or "uint16" or "int16" or "uint32" or "int32" or "uint64" or "int64":
                return ReadInteger(field, data, ref offset, path);
            case "string":
                var text = ReadRun(field, data, ref offset, path, lastInTlv);
                // A fixed-size string is a byte field (MCC/MNC char[3] with a 0xFF filler after a 2-digit MNC,
                // the HDR sector id): one char per byte, so every byte value survives a round trip.
                return new QmiString(field.Fixed is null ? Encoding.UTF8.GetString(text) : Encoding.Latin1.GetString(text));
            case "bytes":
                return new QmiBytes(ReadRun(field, data, ref offset, path, lastInTlv).ToArray());
            case "array":
                var element = field.Element ?? throw new QmiProtocolException($"{path}: array declared without an element");
                var count = field.Fixed ?? ReadPrefix(field.Prefix ?? 1, data, ref offset, path);
                // Every element needs at least one byte: a count beyond what is left is a lie.
                if (count > data.Length - offset && MinimumSize(element) > 0)
                {
                    throw new QmiProtocolException($"{path}: array claims {count} elements but only {data.Length - offset} bytes remain");
                }
                var items = new List<QmiValue>(Math.Min(count, 256));
                for (var i = 0; i < count; i++)
                {
                    items.Add(Read(element, data, ref offset, $"{path}[{i}]", lastInTlv: false));
                }
                return new QmiArray(items);
            case "struct" or "sequence":
                var fields = new List<QmiField>(field.Fields.Count);
                for (var i = 0; i < field.Fields.Count; i++)
                {
                    var member = field.Fields[i];
                    fields.Add(new QmiField(member.Name, Read(member, data, ref offset, $"{path}.{member.Name}", lastInTlv && i == field.Fields.Count - 1)));
                }
                return new QmiStruct(fields);
            default:
                throw new QmiProtocolException($"{path}: unknown format '{field.Format}'");
        }
    }

    private static void Write(QmiFieldDeclaration field, QmiValue value, List<byte> output, string path, bool lastInTlv)
    {
        switch (field.Format)
        {
            case "uint8" or "int8" or "uint16" or "int16" or "uint32" or "int32" or "uint64" or "int64":
                WriteInteger(field, Expect<QmiInteger>(value, path).Value, output, path);
                break;
            case "string":
                WriteRun(field, StringBytes(field, Expect<QmiString>(value, path).Value, path), output, path, lastInTlv);
                break;
            case "bytes":
                WriteRun(field, Expect<QmiBytes>(value, path).Value, output, path, lastInTlv);
                break;
            case "array":
                var items = Expect<QmiArray>(value, path).Items;
                var element = field.Element ?? throw new QmiProtocolException($"{path}: array declared without an element");
                if (field.Fixed is { } fixedCount)
                {
                    if (items.Count != fixedCount)
                    {
                        throw new QmiProtocolException($"{path}: exactly {fixedCount} elements are declared, {items.Count} given");
                    }
                }
                else
                {
                    WritePrefix(field.Prefix ?? 1, items.Count, output, path);
                }
                for (var i = 0; i < items.Count; i++)
                {
                    Write(element, items[i], output, $"{path}[{i}]", lastInTlv: false);
                }
                break;
            case "struct" or "sequence":
                var fields = Expect<QmiStruct>(value, path);
                for (var i = 0; i < field.Fields.Count; i++)
                {
                    var member = field.Fields[i];
                    var memberValue = fields.Fields.FirstOrDefault(f => f.Name == member.Name)?.Value
                        ?? throw new QmiProtocolException($"{path}: field '{member.Name}' has no value");
                    Write(member, memberValue, output, $"{path}.{member.Name}", lastInTlv && i == field.Fields.Count - 1);
                }
                break;
            default:
                throw new QmiProtocolException($"{path}: unknown format '{field.Format}'");
        }
    }

    private static byte[] StringBytes(QmiFieldDeclaration field, string value, string path)
    {
        if (field.Fixed is null)
        {
            return Encoding.UTF8.GetBytes(value);
        }
        if (value.Any(c => c > '\u00ff'))
        {
            throw new QmiProtocolException($"{path}: a fixed-size string holds bytes (chars U+0000..U+00FF), not '{value}'");
        }
        return Encoding.Latin1.GetBytes(value);
    }

    private static T Expect<T>(QmiValue value, string path)
        where T : QmiValue =>
        value as T ?? throw new QmiProtocolException($"{path}: expected a {typeof(T).Name[3..].ToLowerInvariant()} value, got {value}");

    private static int Size(string format) => format switch
    {
        "uint8" or "int8" => 1,
        "uint16" or "int16" => 2,
        "uint32" or "int32" => 4,
        _ => 8,
    };

    private static int MinimumSize(QmiFieldDeclaration field) => field.Format switch
    {
        "uint8" or "int8" or "uint16" or "int16" or "uint32" or "int32" or "uint64" or "int64" => Size(field.Format),
        "string" or "bytes" => field.Fixed ?? field.Prefix ?? 0,
        "array" => field.Fixed is { } count && field.Element is { } element ? count * MinimumSize(element) : field.Prefix ?? 1,
        _ => field.Fields.Sum(MinimumSize),
    };

    private static QmiInteger ReadInteger(QmiFieldDeclaration field, ReadOnlySpan<byte> data, ref int offset, string path)
    {
        var size = Size(field.Format);
        if (data.Length - offset < size)
        {
            throw new QmiProtocolException($"{path}: needs {size} bytes, {data.Length - offset} remain");
        }
        var bytes = data.Slice(offset, size);
        offset += size;
        var big = field.Endian == "big";
        long value = field.Format switch
        {
            "uint8" => bytes[0],
            "int8" => (sbyte)bytes[0],
            "uint16" => big ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes),
            "int16" => big ? BinaryPrimitives.ReadInt16BigEndian(bytes) : BinaryPrimitives.ReadInt16LittleEndian(bytes),
            "uint32" => big ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes),
            "int32" => big ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes),
            "uint64" => unchecked((long)(big ? BinaryPrimitives.ReadUInt64BigEndian(bytes) : BinaryPrimitives.ReadUInt64LittleEndian(bytes))),
            _ => big ? BinaryPrimitives.ReadInt64BigEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes),
        };
        return new QmiInteger(value);
    }

    private static void WriteInteger(QmiFieldDeclaration field, long value, List<byte> output, string path)
    {
        var size = Size(field.Format);
        var (min, max) = field.Format switch
        {
            "uint8" => (0L, byte.MaxValue),
            "int8" => (sbyte.MinValue, sbyte.MaxValue),
            "uint16" => (0L, ushort.MaxValue),
            "int16" => (short.MinValue, short.MaxValue),
            "uint32" => (0L, uint.MaxValue),
            "int32" => (int.MinValue, int.MaxValue),
            _ => (long.MinValue, long.MaxValue),
        };
        if (value < min || value > max)
        {
            throw new QmiProtocolException($"{path}: {value} does not fit {field.Format}");
        }
        Span<byte> bytes = stackalloc byte[8];
        if (field.Endian == "big")
        {
            BinaryPrimitives.WriteInt64BigEndian(bytes, value);
            output.AddRange(bytes[(8 - size)..].ToArray());
        }
        else
        {
            BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
            output.AddRange(bytes[..size].ToArray());
        }
    }

    private static ReadOnlySpan<byte> ReadRun(QmiFieldDeclaration field, ReadOnlySpan<byte> data, ref int offset, string path, bool lastInTlv)
    {
        int length;
        if (field.Fixed is { } fixedLength)
        {
            length = fixedLength;
        }
        else if ((field.Prefix ?? 0) == 0)
        {
            if (!lastInTlv)
            {
                throw new QmiProtocolException($"{path}: a string without a length prefix must end its TLV");
            }
            length = data.Length - offset;
        }
        else
        {
            length = ReadPrefix(field.Prefix!.Value, data, ref offset, path);
        }
        if (length > data.Length - offset)
        {
            throw new QmiProtocolException($"{path}: claims {length} bytes, {data.Length - offset} remain");
        }
        var run = data.Slice(offset, length);
        offset += length;
        return run;
    }

    private static void WriteRun(QmiFieldDeclaration field, byte[] bytes, List<byte> output, string path, bool lastInTlv)
    {
        if (field.Fixed is { } fixedLength)
        {
            if (bytes.Length > fixedLength)
            {
                throw new QmiProtocolException($"{path}: {bytes.Length} bytes do not fit the declared {fixedLength}");
            }
            output.AddRange(bytes);
            output.AddRange(new byte[fixedLength - bytes.Length]);
            return;
        }
        if ((field.Prefix ?? 0) == 0)
        {
            if (!lastInTlv)
            {
                throw new QmiProtocolException($"{path}: a string without a length prefix must end its TLV");
            }
        }
        else
        {
            WritePrefix(field.Prefix!.Value, bytes.Length, output, path);
        }
        output.AddRange(bytes);
    }

    private static int ReadPrefix(int size, ReadOnlySpan<byte> data, ref int offset, string path)
    {
        if (size is not (1 or 2))
        {
            throw new QmiProtocolException($"{path}: length prefix of {size} bytes is not 1 or 2");
        }
        if (data.Length - offset < size)
        {
            throw new QmiProtocolException($"{path}: its {size}-byte length prefix is cut off");
        }
        int value = size == 1 ? data[offset] : BinaryPrimitives.ReadUInt16LittleEndian(data[offset..]);
        offset += size;
        return value;
    }

    private static void WritePrefix(int size, int value, List<byte> output, string path)
    {
        if (value > (size == 1 ? byte.MaxValue : ushort.MaxValue))
        {
            throw new QmiProtocolException($"{path}: {value} does not fit a {size}-byte length prefix");
        }
        output.Add((byte)value);
        if (size == 2)
        {
            output.Add((byte)(value >> 8));
        }
    }
}
