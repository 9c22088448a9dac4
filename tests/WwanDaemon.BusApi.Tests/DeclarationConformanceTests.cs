using Xunit.Abstractions;
using WwanDaemon.DBus.Server;

namespace WwanDaemon.BusApi.Tests;

/// <summary>
/// The declarations (not the wire: SignatureConformanceTests reads our Introspect): every member wwan-daemon exports on an org.freedesktop.ModemManager1* interface has exactly the
/// signature (and property access) ModemManager 1.20's introspection XML gives it; members the XML
/// has that we do not export are listed (docs/dbus-api.md keeps the same list), not failed.
/// </summary>
public sealed class DeclarationConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ExportedModemManagerInterfaces_MatchTheIntrospectionXml()
    {
        await using var api = await ApiUnderTest.StartAsync(Modems.Connected(new("internet")));
        await api.Exporter.WaitUntilAsync(e => e.Objects.Keys.Any(p => p.Contains("/Bearer/", StringComparison.Ordinal)) && e.Objects.Keys.Any(p => p.Contains("/SIM/", StringComparison.Ordinal)), "exporting the SIM and the bearer");
        var xml = ModemManagerXml.Load();
        Assert.NotEmpty(xml);

        var problems = new List<string>();
        var exported = api.Exporter.Objects.Values.SelectMany(i => i)
            .Where(i => i.Name.StartsWith(BusNames.ModemManager, StringComparison.Ordinal))
            .GroupBy(i => i.Name).Select(g => g.First()).OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
        foreach (var ours in exported)
        {
            if (!xml.TryGetValue(ours.Name, out var theirs))
            {
                problems.Add($"{ours.Name}: not in ModemManager's XML");
                continue;
            }
            Compare(ours, theirs, problems);
            var missing = theirs.Methods.Keys.Where(m => ours.Methods.All(o => o.Name != m))
                .Concat(theirs.Properties.Keys.Where(p => ours.Properties.All(o => o.Name != p)))
                .Concat(theirs.Signals.Keys.Where(s => ours.Signals.All(o => o.Name != s))).ToList();
            output.WriteLine($"{ours.Name}: {ours.Methods.Count} methods, {ours.Properties.Count} properties, {ours.Signals.Count} signals exported; not exported: {(missing.Count == 0 ? "none" : string.Join(", ", missing))}");
        }
        foreach (var absent in xml.Keys.Except(exported.Select(i => i.Name)).Order(StringComparer.Ordinal))
        {
            output.WriteLine($"{absent}: not exported");
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Contains(exported, i => i.Name == BusNames.BearerInterface);
        Assert.Contains(exported, i => i.Name == BusNames.SimInterface);
    }

    private static void Compare(DBusInterface ours, XmlInterface theirs, List<string> problems)
    {
        foreach (var method in ours.Methods)
        {
            if (!theirs.Methods.TryGetValue(method.Name, out var signature))
            {
                problems.Add($"{ours.Name}.{method.Name}: method not in the XML");
            }
            else if (signature != (method.InSignature, method.OutSignature))
            {
                problems.Add($"{ours.Name}.{method.Name}: ({method.InSignature}) → ({method.OutSignature}), the XML says ({signature.In}) → ({signature.Out})");
            }
        }
        foreach (var property in ours.Properties)
        {
            var access = property.Access == DBusPropertyAccess.Read ? "read" : "readwrite";
            if (!theirs.Properties.TryGetValue(property.Name, out var declared))
            {
                problems.Add($"{ours.Name}.{property.Name}: property not in the XML");
            }
            else if (declared != (property.Signature, access))
            {
                problems.Add($"{ours.Name}.{property.Name}: {property.Signature} {access}, the XML says {declared.Type} {declared.Access}");
            }
            else if (property.Get().Signature != property.Signature)
            {
                problems.Add($"{ours.Name}.{property.Name}: declared {property.Signature} but its getter returns {property.Get().Signature}");
            }
        }
        foreach (var signal in ours.Signals)
        {
            if (!theirs.Signals.TryGetValue(signal.Name, out var signature))
            {
                problems.Add($"{ours.Name}.{signal.Name}: signal not in the XML");
            }
            else if (signature != signal.Signature)
            {
                problems.Add($"{ours.Name}.{signal.Name}: ({signal.Signature}), the XML says ({signature})");
            }
        }
    }
}
