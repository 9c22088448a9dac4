using WwanDaemon.Composition.KnowledgeBase;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Composition.Tests;

public class KnowledgeBaseTests
{
    [Fact]
    public void Embedded_LoadsSeveralHundredDevicesOfTheMajorVendors()
    {
        var knowledgeBase = KnowledgeBaseData.Embedded;

        Assert.True(knowledgeBase.DeviceCount >= 500, $"only {knowledgeBase.DeviceCount} devices");
        foreach (var (vid, pid) in new[] { ((ushort)0x2c7c, (ushort)0x0125), (0x1e0e, 0x9001), (0x1199, 0x9071), (0x1bc7, 0x1201), (0x12d1, 0x1506), (0x19d2, 0x1476), (0x413c, 0x81b6), (0x2cb7, 0x0104) })
        {
            Assert.NotNull(knowledgeBase.Find((ushort)vid, (ushort)pid, 0, null));
        }
    }

    [Fact]
    public void CuratedEntry_OverridesGeneratedRoleForTheSameInterface()
    {
        var knowledgeBase = KnowledgeBaseData.Load([
            ("generated.json", """{ "schemaVersion": 1, "devices": [ { "vid": "1234", "pid": "5678", "interfaces": [ { "number": 2, "role": "at" } ], "quirks": [ { "name": "needs-dtr" } ] } ] }"""),
            ("curated.json", """{ "schemaVersion": 1, "devices": [ { "vid": "1234", "pid": "5678", "interfaces": [ { "number": 2, "role": "at-primary" } ] } ] }"""),
        ]);

        var knowledge = knowledgeBase.Find(0x1234, 0x5678, 0x0001, 1)!;

        Assert.Equal(InterfaceRole.AtPrimary, knowledge.Roles[2].Role);
        Assert.True(knowledge.HasQuirk("needs-dtr"));
    }

    [Theory]
    [InlineData("""{ "schemaVersion": 2, "devices": [] }""", "schemaVersion 2")]
    [InlineData("""{ "schemaVersion": 1, "devices": [ { "vid": "12", "pid": "5678" } ] }""", "4 hex digits")]
    [InlineData("""{ "schemaVersion": 1, "devices": [ { "vid": "1234", "pid": "5678", "interfaces": [ { "number": 1, "role": "modem" } ] } ] }""", "role 'modem'")]
    [InlineData("""{ "schemaVersion": 1, "devices": [ """, "not valid JSON")]
    public void BadDocument_FailsNamingTheProblem(string json, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => KnowledgeBaseData.Load([("bad.json", json)]));

        Assert.Contains("bad.json", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
