using System.Security;
using System.Text;

namespace WwanDaemon.DBus.Server;

/// <summary>
/// org.freedesktop.DBus.Introspectable.Introspect's XML (D-Bus specification, "Introspection Data
/// Format") generated from the <see cref="DBusInterface"/> declarations: one arg per complete type.
/// </summary>
internal static class IntrospectionXml
{
    private const string DocType = """<!DOCTYPE node PUBLIC "-//freedesktop//DTD D-BUS Object Introspection 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd">""";

    public static string Build(string path, IReadOnlyList<DBusInterface>? interfaces, IReadOnlyList<string> children, bool isObjectManager)
    {
        var xml = new StringBuilder();
        xml.AppendLine(DocType);
        xml.AppendLine($"<node name=\"{Escape(path)}\">");
        xml.AppendLine($"""
              <interface name="{DBusStandardInterfaces.Introspectable}">
                <method name="Introspect"><arg name="xml_data" type="s" direction="out"/></method>
              </interface>
              <interface name="{DBusStandardInterfaces.Peer}">
                <method name="Ping"/>
                <method name="GetMachineId"><arg name="machine_uuid" type="s" direction="out"/></method>
              </interface>
            """);
        if (interfaces is not null)
        {
            xml.AppendLine($"""
                  <interface name="{DBusStandardInterfaces.Properties}">
                    <method name="Get"><arg name="interface_name" type="s" direction="in"/><arg name="property_name" type="s" direction="in"/><arg name="value" type="v" direction="out"/></method>
                    <method name="GetAll"><arg name="interface_name" type="s" direction="in"/><arg name="props" type="a{"{"}sv{"}"}" direction="out"/></method>
                    <method name="Set"><arg name="interface_name" type="s" direction="in"/><arg name="property_name" type="s" direction="in"/><arg name="value" type="v" direction="in"/></method>
                    <signal name="PropertiesChanged"><arg name="interface_name" type="s"/><arg name="changed_properties" type="a{"{"}sv{"}"}"/><arg name="invalidated_properties" type="as"/></signal>
                  </interface>
                """);
        }
        if (isObjectManager)
        {
            xml.AppendLine($"""
                  <interface name="{DBusStandardInterfaces.ObjectManager}">
                    <method name="GetManagedObjects"><arg name="objects" type="a{"{"}oa{"{"}sa{"{"}sv{"}"}{"}"}{"}"}" direction="out"/></method>
                    <signal name="InterfacesAdded"><arg name="object_path" type="o"/><arg name="interfaces_and_properties" type="a{"{"}sa{"{"}sv{"}"}{"}"}"/></signal>
                    <signal name="InterfacesRemoved"><arg name="object_path" type="o"/><arg name="interfaces" type="as"/></signal>
                  </interface>
                """);
        }
        foreach (var declaration in interfaces ?? [])
        {
            AppendInterface(xml, declaration);
        }
        foreach (var child in children)
        {
            xml.AppendLine($"  <node name=\"{Escape(child)}\"/>");
        }
        xml.AppendLine("</node>");
        return xml.ToString();
    }

    private static void AppendInterface(StringBuilder xml, DBusInterface declaration)
    {
        xml.AppendLine($"  <interface name=\"{Escape(declaration.Name)}\">");
        foreach (var method in declaration.Methods)
        {
            xml.Append($"    <method name=\"{Escape(method.Name)}\">");
            AppendArguments(xml, method.InSignature, " direction=\"in\"");
            AppendArguments(xml, method.OutSignature, " direction=\"out\"");
            xml.AppendLine("</method>");
        }
        foreach (var property in declaration.Properties)
        {
            var access = property.Access == DBusPropertyAccess.ReadWrite ? "readwrite" : "read";
            xml.AppendLine($"    <property name=\"{Escape(property.Name)}\" type=\"{Escape(property.Signature)}\" access=\"{access}\"/>");
        }
        foreach (var signal in declaration.Signals)
        {
            xml.Append($"    <signal name=\"{Escape(signal.Name)}\">");
            AppendArguments(xml, signal.Signature, "");
            xml.AppendLine("</signal>");
        }
        xml.AppendLine("  </interface>");
    }

    private static void AppendArguments(StringBuilder xml, string signature, string direction)
    {
        foreach (var type in SignatureSplitter.CompleteTypes(signature))
        {
            xml.Append($"<arg type=\"{Escape(type)}\"{direction}/>");
        }
    }

    private static string Escape(string text) => SecurityElement.Escape(text);
}

/// <summary>Splits a signature into its complete types ("sa{sv}(ii)" → "s", "a{sv}", "(ii)").</summary>
internal static class SignatureSplitter
{
    public static List<string> CompleteTypes(string signature)
    {
        var types = new List<string>();
        var position = 0;
        while (position < signature.Length)
        {
            var start = position;
            position = SkipCompleteType(signature, position);
            types.Add(signature[start..position]);
        }
        return types;
    }

    private static int SkipCompleteType(string signature, int position)
    {
        switch (signature[position])
        {
            case 'a':
                return SkipCompleteType(signature, position + 1);
            case '(' or '{':
                var close = signature[position] == '(' ? ')' : '}';
                position++;
                while (signature[position] != close)
                {
                    position = SkipCompleteType(signature, position);
                }
                return position + 1;
            default:
                return position + 1;
        }
    }
}
