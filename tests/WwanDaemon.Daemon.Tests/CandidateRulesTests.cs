using System.Globalization;
using System.Text.RegularExpressions;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Daemon.Tests;

/// <summary>udev/77-wwan-daemon.rules tags serial ports only on vendors the knowledge base knows, seed vendors included.</summary>
public partial class CandidateRulesTests
{
    private static IReadOnlyList<string> TaggedVendors()
    {
        var rules = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "udev", "77-wwan-daemon.rules"));
        return VendorMatch().Match(rules).Groups[1].Value.Split('|');
    }

    [Fact]
    public void CandidateRules_EveryTaggedVendor_KnownToTheKnowledgeBase()
    {
        var vendors = TaggedVendors();

        Assert.NotEmpty(vendors);
        Assert.All(vendors, v => Assert.True(KnowledgeBaseData.Embedded.KnowsVendor(ushort.Parse(v, NumberStyles.HexNumber, CultureInfo.InvariantCulture)), v));
    }

    [Fact]
    public void CandidateRules_SeedVendors_Tagged()
    {
        Assert.Superset(new HashSet<string>(["1e0e", "413c", "1199", "03f0"]), new HashSet<string>(TaggedVendors()));
    }

    [GeneratedRegex("""ENV\{ID_VENDOR_ID\}=="([0-9a-f|]+)""")]
    private static partial Regex VendorMatch();
}
