using System.Net;
using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Simulator.Qmi;

/// <summary>Short builders for QMI values, so the faces read like the declarations.</summary>
internal static class Qv
{
    public static QmiField F(string name, long value) => new(name, new QmiInteger(value));

    public static QmiField F(string name, string value) => new(name, new QmiString(value));

    public static QmiField F(string name, QmiValue value) => new(name, value);

    public static QmiField F(string name, params QmiField[] members) => new(name, new QmiStruct(members));

    /// <summary>A successful answer with these TLVs.</summary>
    public static (QmiResult, IReadOnlyList<QmiField>) Ok(params QmiField[] tlvs) => (QmiResult.Success, tlvs);

    /// <summary>A failed answer with no TLVs.</summary>
    public static (QmiResult, IReadOnlyList<QmiField>) Fail(int error) => (QmiResult.Failure(error), []);

    public static QmiStruct Struct(params QmiField[] fields) => new(fields);

    public static QmiArray Array(IEnumerable<QmiValue> items) => new(items.ToArray());

    public static QmiArray Bytes(IEnumerable<byte> bytes) => new(bytes.Select(b => (QmiValue)new QmiInteger(b)).ToArray());

    public static QmiInteger Int(long value) => new(value);

    /// <summary>libqmi's IPv4 fields hold the address as a number, most significant octet first (a.b.c.d = a&lt;&lt;24 | ...).</summary>
    public static long Ipv4(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return ((long)bytes[0] << 24) | ((long)bytes[1] << 16) | ((long)bytes[2] << 8) | bytes[3];
    }

    /// <summary>libqmi's IPv6 fields are eight big-endian 16-bit groups.</summary>
    public static QmiArray Ipv6(IPAddress address)
    {
        var bytes = address.GetAddressBytes();
        return Array(Enumerable.Range(0, 8).Select(i => (QmiValue)new QmiInteger((bytes[2 * i] << 8) | bytes[(2 * i) + 1])));
    }
}
