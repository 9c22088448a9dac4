using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.BusApi.Objects;

/// <summary>Short forms for the declarations: read-only properties, and methods ModemManager has that wwan-daemon does not do.</summary>
internal static class Declare
{
    public static DBusProperty Read(string name, string signature, Func<DBusValue> get) => new(name, signature, DBusPropertyAccess.Read, get);

    public static DBusValue Text(string? value) => DBusValue.String(value ?? "");

    public static DBusValue Texts(IEnumerable<string> values) => DBusValue.Array("s", values.Select(DBusValue.String).ToList());

    public static DBusValue Paths(IEnumerable<string> paths) => DBusValue.Array("o", paths.Select(DBusValue.ObjectPath).ToList());

    public static DBusValue EmptyDictionary() => DBusValue.StringVariantDictionary([]);

    /// <summary>A method that answers Core.Unsupported with <paramref name="why"/>.</summary>
    public static DBusMethod Unsupported(string @interface, string name, string inSignature, string outSignature, string why) =>
        new(name, inSignature, outSignature, (IReadOnlyList<DBusValue> _) => throw ModemManagerErrors.NotSupported($"{@interface}.{name}", why));

    /// <summary>Returns a value from a D-Bus argument list: the n-th argument as text.</summary>
    public static string TextArgument(IReadOnlyList<DBusValue> arguments, int index) => ((StringValue)arguments[index]).Value;
}
