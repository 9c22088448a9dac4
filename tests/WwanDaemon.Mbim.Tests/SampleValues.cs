using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Mbim.Tests;

/// <summary>Builds a value for every field of a layout, so each declared message can be encoded without hand-written data.</summary>
internal static class SampleValues
{
    /// <param name="elements">Elements per array (0 gives empty arrays and empty strings, the offset-0 cases).</param>
    public static List<QmiField> For(IReadOnlyList<MbimFieldDeclaration> layout, int elements, int seed = 1)
    {
        var fields = new List<QmiField>();
        foreach (var field in layout)
        {
            if (layout.Any(f => f.ArraySizeField == field.Name))
            {
                continue; // filled in below from the array it counts
            }
            if (field.Format is MbimFormats.RefIpv4 or MbimFormats.RefIpv6 && elements == 0)
            {
                continue; // absent reference
            }
            fields.Add(new QmiField(field.Name, Value(field, elements, seed++)));
        }
        foreach (var sized in layout.Where(f => f.ArraySizeField is not null))
        {
            var value = fields.First(f => f.Name == sized.Name).Value;
            var count = value is QmiBytes bytes ? bytes.Value.Length : value.AsArray().Count;
            fields.Insert(layout.ToList().FindIndex(f => f.Name == sized.ArraySizeField), new QmiField(sized.ArraySizeField!, new QmiInteger(count)));
        }
        // declaration order, as the decoder returns them
        return layout.Select(f => fields.FirstOrDefault(v => v.Name == f.Name)).OfType<QmiField>().ToList();
    }

    private static QmiValue Value(MbimFieldDeclaration field, int elements, int seed) => field.Format switch
    {
        MbimFormats.Guint32 => new QmiInteger(seed * 1000003L % uint.MaxValue),
        MbimFormats.Gint32 => new QmiInteger(-seed),
        MbimFormats.Guint64 => new QmiInteger(seed % 2 == 0 ? -1 : 0x1_0000_0001L * seed), // -1: guint64 all ones
        MbimFormats.Uuid => new QmiString($"7e5e2a7e-4e6f-7272-736b-656e7e5e2a{seed % 100:d2}"),
        MbimFormats.String => new QmiString(elements == 0 ? "" : new string('x', seed % 5 + 1) + "ä€"),
        MbimFormats.Ipv4 or MbimFormats.RefIpv4 => new QmiString($"10.0.{seed % 256}.1"),
        MbimFormats.Ipv6 or MbimFormats.RefIpv6 => new QmiString($"2001:db8::{seed % 65536:x}"),
        MbimFormats.RefByteArray => new QmiBytes(Enumerable.Range(0, elements * 3).Select(i => (byte)(i + seed)).ToArray()),
        // A padded unsized array has no length on the wire: only multiples of 4 survive a round trip.
        MbimFormats.UnsizedByteArray => new QmiBytes(Enumerable.Range(0, field.Pad ? elements * 4 + 8 : elements * 5 + 1).Select(i => (byte)(i + seed)).ToArray()),
        MbimFormats.Struct => new QmiStruct(For(field.StructFields!, elements, seed * 7)),
        _ => new QmiArray(Enumerable.Range(0, elements).Select(i => Element(field, elements, seed + i)).ToArray()),
    };

    private static QmiValue Element(MbimFieldDeclaration field, int elements, int seed) => field.Format switch
    {
        MbimFormats.StringArray => new QmiString(new string('n', seed % 4 + 1)),
        MbimFormats.Guint32Array => new QmiInteger(seed),
        MbimFormats.Ipv4Array => new QmiString($"192.168.{seed % 256}.1"),
        MbimFormats.Ipv6Array => new QmiString($"fe80::{seed:x}"),
        _ => new QmiStruct(For(field.StructFields!, elements, seed * 3)),
    };
}
