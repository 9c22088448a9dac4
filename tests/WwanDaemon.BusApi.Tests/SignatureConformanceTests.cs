using System.Xml.Linq;
using WwanDaemon.BusApi;
using Xunit.Abstractions;

namespace WwanDaemon.BusApi.Tests;

/// <summary>
/// Every member we export on an org.freedesktop.ModemManager1* interface, as our own Introspect
/// shows it, against Debian's modemmanager-dev introspection XML (/usr/share/dbus-1/interfaces,
/// ModemManager 1.20.4): same method in/out signatures, property types and access, signal
/// signatures; a member the XML lacks fails, and so does a member of these interfaces we do not export.
/// </summary>
public sealed class SignatureConformanceTests(ExportedFleet exported, ITestOutputHelper output) : IClassFixture<ExportedFleet>
{
    private const string InterfaceDirectory = "/usr/share/dbus-1/interfaces";

    [Fact]
    public async Task EveryExportedModemManagerMember_MatchesModemManagersIntrospectionXml()
    {
        var reference = LoadReference();
        Assert.True(reference.Count >= 10, $"the ModemManager XML was not found in {InterfaceDirectory} (apt install modemmanager-dev)");
        var differences = new List<string>();
        var exportedInterfaces = new HashSet<string>(StringComparer.Ordinal);
        var compared = 0;
        var notExported = new List<string>();
        foreach (var path in new[] { BusNames.ManagerPath, BusNames.ModemPathPrefix + "0", BusNames.SimPathPrefix + "0", BusNames.BearerPathPrefix + "0" })
        {
            var ours = XDocument.Parse(await exported.IntrospectAsync(path));
            foreach (var @interface in ours.Root!.Elements("interface").Where(i => ((string)i.Attribute("name")!).StartsWith(BusNames.ModemManager, StringComparison.Ordinal)))
            {
                var name = (string)@interface.Attribute("name")!;
                exportedInterfaces.Add(name);
                if (!reference.TryGetValue(name, out var theirs))
                {
                    differences.Add($"{name}: not in ModemManager's XML");
                    continue;
                }
                foreach (var (member, signature) in Members(@interface))
                {
                    compared++;
                    if (!theirs.TryGetValue(member, out var expected))
                    {
                        differences.Add($"{name}.{member}: not in ModemManager's XML");
                    }
                    else if (expected != signature)
                    {
                        differences.Add($"{name}.{member}: ours {signature}, ModemManager's {expected}");
                    }
                }
                var missing = theirs.Keys.Except(Members(@interface).Select(m => m.Member)).ToList();
                if (missing.Count > 0)
                {
                    output.WriteLine($"{name}: not exported: {string.Join(", ", missing)}");
                    notExported.AddRange(missing.Select(m => $"{name}.{m}"));
                }
            }
        }

        Assert.Empty(differences);
        Assert.Equal(
            new[] { BusNames.ModemManager, BusNames.BearerInterface, BusNames.ModemInterface, BusNames.Modem3gppInterface, BusNames.SignalInterface, BusNames.SimpleInterface, BusNames.SimInterface }.Order(StringComparer.Ordinal),
            exportedInterfaces.Order(StringComparer.Ordinal));
        // Every member of these seven interfaces is exported (those wwan-daemon cannot do answer Core.Unsupported).
        Assert.Empty(notExported);
        output.WriteLine($"{compared} members compared");
    }

    /// <summary>Interface name → member key ("method Connect", "property State", "signal StateChanged") → signature text.</summary>
    private static Dictionary<string, Dictionary<string, string>> LoadReference()
    {
        var reference = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        if (!Directory.Exists(InterfaceDirectory))
        {
            return reference;
        }
        foreach (var file in Directory.GetFiles(InterfaceDirectory, "org.freedesktop.ModemManager1*.xml"))
        {
            foreach (var @interface in XDocument.Load(file).Descendants("interface"))
            {
                reference[(string)@interface.Attribute("name")!] = Members(@interface).ToDictionary(m => m.Member, m => m.Signature, StringComparer.Ordinal);
            }
        }
        return reference;
    }

    private static IEnumerable<(string Member, string Signature)> Members(XElement @interface)
    {
        foreach (var method in @interface.Elements("method"))
        {
            var args = method.Elements("arg").ToList();
            var input = string.Concat(args.Where(a => (string?)a.Attribute("direction") is null or "in").Select(a => (string)a.Attribute("type")!));
            var outputs = string.Concat(args.Where(a => (string?)a.Attribute("direction") == "out").Select(a => (string)a.Attribute("type")!));
            yield return ($"method {method.Attribute("name")!.Value}", $"({input}) → ({outputs})");
        }
        foreach (var property in @interface.Elements("property"))
        {
            yield return ($"property {property.Attribute("name")!.Value}", $"{property.Attribute("type")!.Value} {property.Attribute("access")!.Value}");
        }
        foreach (var signal in @interface.Elements("signal"))
        {
            yield return ($"signal {signal.Attribute("name")!.Value}", "(" + string.Concat(signal.Elements("arg").Select(a => (string)a.Attribute("type")!)) + ")");
        }
    }
}
