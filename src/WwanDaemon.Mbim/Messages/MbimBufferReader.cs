using System.Buffers.Binary;
using System.Net;
using System.Text;
using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Mbim.Messages;

/// <summary>
/// Reads structs out of one information buffer. Every offset and size is untrusted: each is checked
/// against the buffer before anything is read or allocated, and errors name the field and the offset.
/// </summary>
internal readonly ref struct MbimBufferReader(ReadOnlySpan<byte> buffer, string message)
{
    private readonly ReadOnlySpan<byte> buffer = buffer;

    /// <summary>Reads a struct whose fixed part starts at <paramref name="start"/> and may not pass <paramref name="end"/>.</summary>
    /// <param name="layout">The struct's fields.</param>
    /// <param name="start">Where the struct starts; its offsets count from here.</param>
    /// <param name="end">Where the struct's fixed part must end at the latest.</param>
    /// <param name="path">Names the struct in errors.</param>
    /// <param name="fixedEnd">Where the struct's fixed part ended.</param>
    public List<QmiField> ReadStruct(IReadOnlyList<MbimFieldDeclaration> layout, int start, int end, string path, out int fixedEnd)
    {
        var fields = new List<QmiField>(layout.Count);
        var sizes = new Dictionary<string, uint>(StringComparer.Ordinal);
        var offset = start;
        foreach (var field in layout)
        {
            var at = $"{path}.{field.Name}";
            var value = Read(field, start, end, ref offset, sizes, at);
            if (value is null)
            {
                continue; // an absent reference
            }
            if (field.Format == MbimFormats.Guint32)
            {
                sizes[field.Name] = (uint)((QmiInteger)value).Value;
            }
            fields.Add(new QmiField(field.Name, value));
        }
        fixedEnd = offset;
        return fields;
    }

    private QmiValue? Read(MbimFieldDeclaration field, int start, int end, ref int offset, Dictionary<string, uint> sizes, string at)
    {
        switch (field.Format)
        {
            case MbimFormats.Guint32:
                return new QmiInteger(Word(ref offset, end, at));
            case MbimFormats.Gint32:
                return new QmiInteger(unchecked((int)Word(ref offset, end, at)));
            case MbimFormats.Guint64:
                return new QmiInteger(BinaryPrimitives.ReadInt64LittleEndian(Take(ref offset, 8, end, at)));
            case MbimFormats.Uuid:
                return new QmiString(new Guid(Take(ref offset, 16, end, at), bigEndian: true).ToString());
            case MbimFormats.Ipv4 or MbimFormats.Ipv6:
                return new QmiString(new IPAddress(Take(ref offset, field.Format == MbimFormats.Ipv4 ? 4 : 16, end, at)).ToString());
            case MbimFormats.RefIpv4 or MbimFormats.RefIpv6:
                var addressAt = Word(ref offset, end, at);
                return addressAt == 0 ? null : new QmiString(new IPAddress(Referenced(start, addressAt, field.Format == MbimFormats.RefIpv4 ? 4u : 16u, at)).ToString());
            case MbimFormats.String:
                return ReadString(start, ref offset, end, at);
            case MbimFormats.UnsizedByteArray:
                var run = buffer[offset..end].ToArray();
                offset = end;
                return new QmiBytes(run);
            case MbimFormats.RefByteArray:
                var bytesAt = Word(ref offset, end, at);
                var byteCount = field.ArraySizeField is { } sizeField ? sizes[sizeField] : Word(ref offset, end, at);
                return new QmiBytes(byteCount == 0 ? [] : Referenced(start, bytesAt, byteCount, at).ToArray());
            default:
                return ReadArrayOrStruct(field, start, end, ref offset, field.ArraySizeField is { } name ? sizes[name] : 0, at);
        }
    }

    private QmiValue ReadArrayOrStruct(MbimFieldDeclaration field, int start, int end, ref int offset, uint count, string at)
    {
        switch (field.Format)
        {
            case MbimFormats.Struct:
                var inline = ReadStruct(field.StructFields!, offset, end, at, out var structEnd);
                offset = structEnd;
                return new QmiStruct(inline);
            case MbimFormats.Guint32Array:
                CheckCount(count, 4, end - offset, offset, at);
                return FillWords(new QmiValue[count], ref offset, end, at);
            case MbimFormats.StringArray:
                CheckCount(count, 8, end - offset, offset, at);
                var strings = new QmiValue[count];
                for (var i = 0; i < count; i++)
                {
                    strings[i] = ReadString(start, ref offset, end, $"{at}[{i}]");
                }
                return new QmiArray(strings);
            case MbimFormats.Ipv4Array or MbimFormats.Ipv6Array:
                var arrayAt = Word(ref offset, end, at);
                var size = field.Format == MbimFormats.Ipv4Array ? 4 : 16;
                CheckCount(count, size, buffer.Length, arrayAt, at);
                var addresses = count == 0 ? [] : Referenced(start, arrayAt, count * (uint)size, at);
                var items = new QmiValue[count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = new QmiString(new IPAddress(addresses.Slice(i * size, size)).ToString());
                }
                return new QmiArray(items);
            case MbimFormats.StructArray:
                return ReadStructArray(field, start, ref offset, end, count, at);
            case MbimFormats.RefStructArray:
                return ReadRefStructArray(field, start, ref offset, end, count, at);
            default:
                throw new MbimProtocolException($"{message}: {at}: format '{field.Format}' cannot be read");
        }
    }

    private QmiArray FillWords(QmiValue[] slots, ref int offset, int end, string at)
    {
        for (var i = 0; i < slots.Length; i++)
        {
            slots[i] = new QmiInteger(Word(ref offset, end, $"{at}[{i}]"));
        }
        return new QmiArray(slots);
    }

    private QmiArray ReadStructArray(MbimFieldDeclaration field, int start, ref int offset, int end, uint count, string at)
    {
        var arrayAt = Word(ref offset, end, at);
        var elementSize = MbimFormats.StructSize(field.StructFields!)!.Value;
        CheckCount(count, elementSize, buffer.Length, arrayAt, at);
        if (count == 0)
        {
            return new QmiArray([]);
        }
        Referenced(start, arrayAt, count * (uint)elementSize, at);
        var elements = new QmiValue[count];
        for (var i = 0; i < count; i++)
        {
            var elementStart = start + (int)arrayAt + (i * elementSize);
            elements[i] = new QmiStruct(ReadStruct(field.StructFields!, elementStart, elementStart + elementSize, $"{at}[{i}]", out _));
        }
        return new QmiArray(elements);
    }

    private QmiArray ReadRefStructArray(MbimFieldDeclaration field, int start, ref int offset, int end, uint count, string at)
    {
        CheckCount(count, 8, end - offset, offset, at);
        var elements = new QmiValue[count];
        for (var i = 0; i < count; i++)
        {
            var where = $"{at}[{i}]";
            var elementAt = Word(ref offset, end, where);
            var elementLength = Word(ref offset, end, where);
            Referenced(start, elementAt, elementLength, where);
            var elementStart = start + (int)elementAt;
            elements[i] = new QmiStruct(ReadStruct(field.StructFields!, elementStart, elementStart + (int)elementLength, where, out _));
        }
        return new QmiArray(elements);
    }

    private QmiString ReadString(int start, ref int offset, int end, string at)
    {
        var stringAt = Word(ref offset, end, at);
        var size = Word(ref offset, end, at);
        if (size == 0)
        {
            return new QmiString("");
        }
        if (size % 2 != 0)
        {
            throw new MbimProtocolException($"{message}: {at}: UTF-16 string size {size} (at offset {offset - 4}) is odd");
        }
        return new QmiString(Encoding.Unicode.GetString(Referenced(start, stringAt, size, at)));
    }

    /// <summary>Bytes an (offset, size) pair points at, relative to the struct start; checked against the whole buffer.</summary>
    private ReadOnlySpan<byte> Referenced(int start, uint offset, uint size, string at)
    {
        var from = (long)start + offset;
        if (from + size > buffer.Length)
        {
            throw new MbimProtocolException($"{message}: {at}: offset {offset} and size {size} (from struct start {start}) point past the end of the {buffer.Length}-byte information buffer");
        }
        return buffer.Slice((int)from, (int)size);
    }

    private uint Word(ref int offset, int end, string at) => BinaryPrimitives.ReadUInt32LittleEndian(Take(ref offset, 4, end, at));

    private ReadOnlySpan<byte> Take(ref int offset, int size, int end, string at)
    {
        if (end - offset < size)
        {
            throw new MbimProtocolException($"{message}: {at}: needs {size} bytes at offset {offset}, but the {(end == buffer.Length ? "information buffer" : "struct")} ends at {end}");
        }
        var bytes = buffer.Slice(offset, size);
        offset += size;
        return bytes;
    }

    private void CheckCount(uint count, int elementSize, long available, long offset, string at)
    {
        if ((long)count * elementSize > Math.Max(available, 0))
        {
            throw new MbimProtocolException($"{message}: {at}: {count} elements of {elementSize} bytes at offset {offset} cannot fit in the {buffer.Length}-byte information buffer");
        }
    }
}
