using WwanDaemon.DBus.Values;

namespace WwanDaemon.DBus.Server;

public sealed partial class ObjectServer
{
    /// <summary>org.freedesktop.DBus.Properties: Get(ss) → v, GetAll(s) → a{sv}, Set(ssv).</summary>
    private IReadOnlyList<DBusValue> HandleProperties(DBusRequest request, IReadOnlyList<DBusInterface> interfaces, IReadOnlyList<DBusValue> arguments)
    {
        switch (request.Member)
        {
            case "Get":
                RequireSignature(request, "ss");
                return [DBusValue.Variant(FindProperty(request.Path, interfaces, Text(arguments[0]), Text(arguments[1])).Get())];
            case "GetAll":
                RequireSignature(request, "s");
                return [AllProperties(FindPropertyInterface(request.Path, interfaces, Text(arguments[0])))];
            case "Set":
                RequireSignature(request, "ssv");
                SetProperty(request.Path, interfaces, Text(arguments[0]), Text(arguments[1]), ((VariantValue)arguments[2]).Value);
                return [];
            default:
                throw new DBusErrorException(DBusErrorNames.UnknownMethod, $"No method {request.Member} on {DBusStandardInterfaces.Properties}");
        }
    }

    private void SetProperty(string path, IReadOnlyList<DBusInterface> interfaces, string @interface, string name, DBusValue value)
    {
        var property = FindProperty(path, interfaces, @interface, name);
        if (property.Access != DBusPropertyAccess.ReadWrite || property.Set is null)
        {
            throw new DBusErrorException(DBusErrorNames.PropertyReadOnly, $"Property {@interface}.{name} at {path} is read-only");
        }
        if (value.Signature != property.Signature)
        {
            throw new DBusErrorException(DBusErrorNames.InvalidArgs, $"Property {@interface}.{name} has type '{property.Signature}', not '{value.Signature}'");
        }
        property.Set(value);
        announced[(path, @interface)][name] = property.Get();
        SendSignal(path, DBusStandardInterfaces.Properties, "PropertiesChanged",
            [DBusValue.String(@interface), DBusValue.StringVariantDictionary([KeyValuePair.Create(name, property.Get())]), DBusValue.Array("s", [])]);
    }

    private static DBusInterface FindPropertyInterface(string path, IReadOnlyList<DBusInterface> interfaces, string @interface) =>
        interfaces.FirstOrDefault(i => i.Name == @interface)
            ?? throw new DBusErrorException(DBusErrorNames.UnknownInterface, $"No interface {@interface} at {path}");

    private static DBusProperty FindProperty(string path, IReadOnlyList<DBusInterface> interfaces, string @interface, string name) =>
        FindPropertyInterface(path, interfaces, @interface).Properties.FirstOrDefault(p => p.Name == name)
            ?? throw new DBusErrorException(DBusErrorNames.UnknownProperty, $"No property {name} on {@interface} at {path}");

    private static DBusValue AllProperties(DBusInterface declaration) =>
        DBusValue.StringVariantDictionary(declaration.Properties.Select(p => KeyValuePair.Create(p.Name, p.Get())));

    /// <summary>a{sa{sv}}: every interface of an object with all its properties (InterfacesAdded, GetManagedObjects).</summary>
    private static DBusValue InterfacesAndProperties(IReadOnlyList<DBusInterface> interfaces) =>
        DBusValue.Dictionary("s", "a{sv}", interfaces.Select(i => KeyValuePair.Create(DBusValue.String(i.Name), AllProperties(i))));

    /// <summary>GetManagedObjects → a{oa{sa{sv}}} for every object below <see cref="ObjectManagerPath"/>.</summary>
    private DBusValue GetManagedObjects() =>
        DBusValue.Dictionary("o", "a{sa{sv}}", objects
            .Where(o => IsManaged(o.Key))
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => KeyValuePair.Create(DBusValue.ObjectPath(o.Key), InterfacesAndProperties(o.Value))));

    private static string Text(DBusValue value) => ((StringValue)value).Value;
}
