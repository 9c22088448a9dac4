using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Mbim.Messages;

/// <summary>Writes one struct (or a whole information buffer): fixed part, then variable data (see <see cref="MbimInformationBuffer"/>).</summary>
internal sealed class MbimBufferWriter
{
    private readonly List<byte> fixedPart = [];
    private readonly List<byte> variableData = [];
    private readonly List<int> offsetsToRelocate = [];

    public static byte[] WriteStruct(IReadOnlyList<MbimFieldDeclaration> layout, IReadOnlyList<QmiField> fields, string path)
    {
        var writer = new MbimBufferWriter();
        var sizes = ArraySizes(layout, fields, path);
        foreach (var field in layout)
        {
            writer.Write(field, fields, sizes, $"{path}.{field.Name}");
        }
        return writer.Complete();
    }

    /// <summary>The element count of every array, by the name of its size field; a given size field must agree.</summary>
    private static Dictionary<string, long> ArraySizes(IReadOnlyList<MbimFieldDeclaration> layout, IReadOnlyList<QmiField> fields, string path)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var field in layout)
        {
            if (field.ArraySizeField is not { } sizeField || Find(fields, field.Name) is not { } value)
            {
                continue;
            }
            long count = value switch
            {
                QmiArray array => array.Items.Count,
                QmiBytes bytes => bytes.Value.Length,
                _ => throw new ArgumentException($"{path}.{field.Name}: a {field.Format} needs {(field.Format == MbimFormats.RefByteArray ? "bytes" : "an array")}, got {value}"),
            };
            if (sizes.TryGetValue(sizeField, out var other) && other != count)
            {
                throw new ArgumentException($"{path}.{field.Name}: {count} elements, but another array counted by '{sizeField}' has {other}");
            }
            if (Find(fields, sizeField) is QmiInteger given && given.Value != count)
            {
                throw new ArgumentException($"{path}.{sizeField} is {given.Value} but '{field.Name}' has {count} elements");
            }
            sizes[sizeField] = count;
        }
        return sizes;
    }

    private static QmiValue? Find(IReadOnlyList<QmiField> fields, string name) => fields.FirstOrDefault(f => f.Name == name)?.Value;

    private static QmiValue Require(IReadOnlyList<QmiField> fields, MbimFieldDeclaration field, string path) =>
        Find(fields, field.Name) ?? throw new ArgumentException($"{path}: field '{field.Name}' ({field.Format}) has no value");

    private void Write(MbimFieldDeclaration field, IReadOnlyList<QmiField> fields, Dictionary<string, long> sizes, string path)
    {
        if (field.Format == MbimFormats.Guint32 && sizes.TryGetValue(field.Name, out var count))
        {
            WriteUInt32(fixedPart, count, path);
            return;
        }
        if (field.Format is MbimFormats.RefIpv4 or MbimFormats.RefIpv6 && Find(fields, field.Name) is null)
        {
            WriteUInt32(fixedPart, 0, path); // absent
            return;
        }
        if (field.ArraySizeField is not null && Find(fields, field.Name) is null)
        {
            throw new ArgumentException($"{path}: field '{field.Name}' ({field.Format}) has no value");
        }
        var value = Require(fields, field, path);
        switch (field.Format)
        {
            case MbimFormats.Guint32:
                WriteUInt32(fixedPart, Expect<QmiInteger>(value, path).Value, path);
                break;
            case MbimFormats.Gint32:
                var signed = Expect<QmiInteger>(value, path).Value;
                if (signed is < int.MinValue or > int.MaxValue)
                {
                    throw new ArgumentException($"{path}: {signed} does not fit a gint32");
                }
                AppendUInt32(fixedPart, unchecked((uint)(int)signed));
                break;
            case MbimFormats.Guint64:
                // Values above long.MaxValue travel as their two's-complement long (QmiInteger holds a long).
                var bytes64 = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(bytes64, Expect<QmiInteger>(value, path).Value);
                fixedPart.AddRange(bytes64);
                break;
            case MbimFormats.Uuid:
                fixedPart.AddRange(UuidBytes(Expect<QmiString>(value, path).Value, path));
                break;
            case MbimFormats.Ipv4 or MbimFormats.Ipv6:
                fixedPart.AddRange(AddressBytes(field.Format == MbimFormats.Ipv4, Expect<QmiString>(value, path).Value, path));
                break;
            case MbimFormats.RefIpv4 or MbimFormats.RefIpv6:
                AddReference(AddressBytes(field.Format == MbimFormats.RefIpv4, Expect<QmiString>(value, path).Value, path), withSize: false);
                break;
            case MbimFormats.String:
                AddReference(Encoding.Unicode.GetBytes(Expect<QmiString>(value, path).Value), withSize: true);
                break;
            default:
                WriteComposite(field, value, path);
                break;
        }
    }

    private void WriteComposite(MbimFieldDeclaration field, QmiValue value, string path)
    {
        switch (field.Format)
        {
            case MbimFormats.StringArray:
                foreach (var item in Expect<QmiArray>(value, path).Items)
                {
                    AddReference(Encoding.Unicode.GetBytes(Expect<QmiString>(item, path + "[]").Value), withSize: true);
                }
                break;
            case MbimFormats.Guint32Array:
                foreach (var item in Expect<QmiArray>(value, path).Items)
                {
                    WriteUInt32(fixedPart, Expect<QmiInteger>(item, path + "[]").Value, path + "[]");
                }
                break;
            case MbimFormats.Ipv4Array or MbimFormats.Ipv6Array:
                var addresses = Expect<QmiArray>(value, path).Items
                    .SelectMany(a => AddressBytes(field.Format == MbimFormats.Ipv4Array, Expect<QmiString>(a, path + "[]").Value, path + "[]"));
                AddReference(addresses.ToArray(), withSize: false);
                break;
            case MbimFormats.Struct:
                fixedPart.AddRange(WriteStruct(field.StructFields!, Expect<QmiStruct>(value, path).Fields, path));
                break;
            case MbimFormats.StructArray:
                var elements = Expect<QmiArray>(value, path).Items
                    .Select((e, i) => WriteStruct(field.StructFields!, Expect<QmiStruct>(e, $"{path}[{i}]").Fields, $"{path}[{i}]"));
                AddReference(elements.SelectMany(e => e).ToArray(), withSize: false);
                break;
            case MbimFormats.RefStructArray:
                var items = Expect<QmiArray>(value, path).Items;
                for (var i = 0; i < items.Count; i++)
                {
                    var element = WriteStruct(field.StructFields!, Expect<QmiStruct>(items[i], $"{path}[{i}]").Fields, $"{path}[{i}]");
                    AddReference(element, withSize: true, emptyIsAbsent: false);
                }
                break;
            case MbimFormats.RefByteArray:
                AddReference(Expect<QmiBytes>(value, path).Value, withSize: field.ArraySizeField is null);
                break;
            case MbimFormats.UnsizedByteArray:
                var run = Expect<QmiBytes>(value, path).Value;
                fixedPart.AddRange(run);
                if (field.Pad)
                {
                    Pad(fixedPart);
                }
                break;
            default:
                throw new ArgumentException($"{path}: format '{field.Format}' cannot be written");
        }
    }

    /// <summary>An offset (and size) in the fixed part, the bytes in the variable data, aligned and padded.</summary>
    private void AddReference(byte[] data, bool withSize, bool emptyIsAbsent = true)
    {
        if (data.Length == 0 && emptyIsAbsent)
        {
            AppendUInt32(fixedPart, 0);
        }
        else
        {
            offsetsToRelocate.Add(fixedPart.Count);
            AppendUInt32(fixedPart, (uint)variableData.Count);
            variableData.AddRange(data);
            Pad(variableData);
        }
        if (withSize)
        {
            AppendUInt32(fixedPart, (uint)data.Length);
        }
    }

    private byte[] Complete()
    {
        var bytes = new byte[fixedPart.Count + variableData.Count];
        fixedPart.CopyTo(bytes);
        variableData.CopyTo(bytes, fixedPart.Count);
        foreach (var at in offsetsToRelocate)
        {
            var offset = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), offset + (uint)fixedPart.Count);
        }
        return bytes;
    }

    private static void Pad(List<byte> bytes)
    {
        while (bytes.Count % 4 != 0)
        {
            bytes.Add(0);
        }
    }

    private static void WriteUInt32(List<byte> output, long value, string path)
    {
        if (value is < 0 or > uint.MaxValue)
        {
            throw new ArgumentException($"{path}: {value} does not fit a guint32");
        }
        AppendUInt32(output, (uint)value);
    }

    private static void AppendUInt32(List<byte> output, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        foreach (var b in bytes)
        {
            output.Add(b);
        }
    }

    private static byte[] UuidBytes(string text, string path) => Guid.TryParse(text, out var uuid)
        ? uuid.ToByteArray(bigEndian: true)
        : throw new ArgumentException($"{path}: '{text}' is not a UUID like 7e5e2a7e-4e6f-7272-736b-656e7e5e2a7e");

    private static byte[] AddressBytes(bool v4, string text, string path)
    {
        var family = v4 ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
        return IPAddress.TryParse(text, out var address) && address.AddressFamily == family
            ? address.GetAddressBytes()
            : throw new ArgumentException($"{path}: '{text}' is not an {(v4 ? "IPv4" : "IPv6")} address");
    }

    private static T Expect<T>(QmiValue value, string path)
        where T : QmiValue =>
        value as T ?? throw new ArgumentException($"{path}: expected a {typeof(T).Name[3..].ToLowerInvariant()} value, got {value}");
}
