using System.Xml.Linq;

namespace WwanDaemon.BusApi.Tests;

/// <summary>One interface as ModemManager's introspection XML declares it: methods (in, out signatures), properties (type, access), signals.</summary>
internal sealed record XmlInterface(
    string Name,
    IReadOnlyDictionary<string, (string In, string Out)> Methods,
    IReadOnlyDictionary<string, (string Type, string Access)> Properties,
    IReadOnlyDictionary<string, string> Signals);

/// <summary>Debian's modemmanager-dev introspection files (/usr/share/dbus-1/interfaces/org.freedesktop.ModemManager1*.xml), parsed.</summary>
internal static class ModemManagerXml
{
    public const string Directory = "/usr/share/dbus-1/interfaces";

    public static IReadOnlyDictionary<string, XmlInterface> Load()
    {
        var interfaces = new Dictionary<string, XmlInterface>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.GetFiles(Directory, "org.freedesktop.ModemManager1*.xml"))
        {
            foreach (var element in XDocument.Load(file).Descendants("interface"))
            {
                var parsed = Parse(element);
                interfaces[parsed.Name] = parsed;
            }
        }
        return interfaces;
    }

    private static XmlInterface Parse(XElement element)
    {
        static string Arguments(XElement member, string? direction) => string.Concat(member.Elements("arg")
            .Where(a => direction is null || ((string?)a.Attribute("direction") ?? "in") == direction)
            .Select(a => (string)a.Attribute("type")!));
        return new XmlInterface(
            (string)element.Attribute("name")!,
            element.Elements("method").ToDictionary(m => (string)m.Attribute("name")!, m => (Arguments(m, "in"), Arguments(m, "out")), StringComparer.Ordinal),
            element.Elements("property").ToDictionary(p => (string)p.Attribute("name")!, p => ((string)p.Attribute("type")!, (string)p.Attribute("access")!), StringComparer.Ordinal),
            element.Elements("signal").ToDictionary(s => (string)s.Attribute("name")!, s => Arguments(s, null), StringComparer.Ordinal));
    }
}
