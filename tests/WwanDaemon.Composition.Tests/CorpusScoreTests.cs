using System.Globalization;
using System.Text.Json;
using WwanDaemon.Composition.Diagnosis;
using WwanDaemon.Composition.Planning;
using Xunit.Abstractions;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Composition.Tests;

/// <summary>
/// The acceptance measure: on real dumps of many modems (tests/fixtures/dumps, each with what its
/// source says), the control protocol/interface, network driver and primary AT port must match.
/// Scored with policy keep, because each source describes the composition it dumped.
/// </summary>
public class CorpusScoreTests(ITestOutputHelper output)
{
    [Fact]
    public void RealDumps_ControlNetDriverAndPrimaryAt_MatchTheirSources()
    {
        using var corpus = JsonDocument.Parse(Fixtures.Read("dumps/corpus.json"));
        var scores = new Dictionary<string, (int Right, int Asked)>
        {
            ["control"] = (0, 0), ["netDriver"] = (0, 0), ["primaryAt"] = (0, 0),
        };
        var modems = new HashSet<string>();
        var misses = new List<string>();
        var brokenPlans = new List<string>();
        var workingDumps = 0;
        foreach (var entry in corpus.RootElement.EnumerateArray())
        {
            var file = entry.GetProperty("file").GetString()!;
            var vid = entry.GetProperty("vid").GetString()!;
            var pid = entry.GetProperty("pid").GetString()!;
            modems.Add(entry.TryGetProperty("model", out var model) ? $"{entry.GetProperty("vendor").GetString()} {model.GetString()}" : file);
            var diagnoses = Diagnoser.FromText(Fixtures.Read("dumps/" + file), file, CompositionPolicy.Keep, KnowledgeBaseData.Embedded);
            var plan = diagnoses.Select(d => d.Plan).First(p => p.Device.VendorId.ToString("x4", CultureInfo.InvariantCulture) == vid && p.Device.ProductId.ToString("x4", CultureInfo.InvariantCulture) == pid);
            var expected = entry.GetProperty("expected");
            // A dump taken from a working modem (the network driver the source names is bound where
            // it should be) must not get a plan that unbinds anything.
            var working = plan.Device.DriversKnown && plan.Interfaces.Any(i => i.BoundDriver is not null && i.BoundDriver == Expected(expected, "netDriver"));
            if (working)
            {
                workingDumps++;
                var unbinds = plan.Actions.Where(a => a.Kind == PlanActionKind.Unbind).Select(a => $"{a.Driver} from {a.Interface}").ToArray();
                if (unbinds.Length > 0)
                {
                    brokenPlans.Add($"{file}: unbinds {string.Join(", ", unbinds)}");
                }
            }

            if (Expected(expected, "controlProtocol") is { } protocol)
            {
                var expectedInterface = expected.TryGetProperty("controlInterface", out var i) && i.ValueKind == JsonValueKind.Number ? i.GetInt32() : (int?)null;
                var actualProtocol = plan.Control.Protocol.ToString().ToLowerInvariant();
                var right = actualProtocol == protocol && (expectedInterface is null || expectedInterface == plan.Control.Interface);
                Count(scores, "control", right, misses, file, $"control {protocol}/{expectedInterface} got {actualProtocol}/{plan.Control.Interface}");
            }
            if (Expected(expected, "netDriver") is { } netDriver)
            {
                Count(scores, "netDriver", plan.NetDriver == netDriver, misses, file, $"netDriver {netDriver} got {plan.NetDriver}");
            }
            if (expected.TryGetProperty("primaryAtInterface", out var at) && at.ValueKind == JsonValueKind.Number)
            {
                var actual = plan.AtInterfaces.Count > 0 ? plan.AtInterfaces[0] : (int?)null;
                Count(scores, "primaryAt", actual == at.GetInt32(), misses, file, $"primary AT {at.GetInt32()} got {actual} (ranked {string.Join(",", plan.AtInterfaces)})");
            }
        }

        output.WriteLine($"corpus: {corpus.RootElement.GetArrayLength()} dumps of {modems.Count} distinct modems");
        foreach (var (field, (right, asked)) in scores)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"score {field}: {right}/{asked} = {100.0 * right / Math.Max(asked, 1):0.0}%"));
        }
        foreach (var miss in misses)
        {
            output.WriteLine("miss: " + miss);
        }
        output.WriteLine($"working dumps whose plan unbinds a driver: {brokenPlans.Count} of {workingDumps}");
        Assert.True(workingDumps >= 20, $"only {workingDumps} dumps show a bound network driver");
        Assert.True(brokenPlans.Count == 0, string.Join("\n", brokenPlans));
        Assert.True(modems.Count >= 40, $"the corpus must cover at least 40 modems, it has {modems.Count}");
        Assert.All(scores, s => Assert.True(s.Value.Asked >= 20, $"{s.Key} is asked of only {s.Value.Asked} dumps"));
        // Floors just under today's measured scores (this test prints them; the closing note of issue 2
        // records them): a change that loses answers fails here. Primary AT is weakest: serial ports no
        // table names are ranked by shape until probing (issue 5) settles them.
        AssertAtLeast(scores, "control", 0.95, misses);
        AssertAtLeast(scores, "netDriver", 0.95, misses);
        AssertAtLeast(scores, "primaryAt", 0.70, misses);
    }

    private static void AssertAtLeast(Dictionary<string, (int Right, int Asked)> scores, string field, double floor, List<string> misses)
    {
        var (right, asked) = scores[field];
        Assert.True(right >= asked * floor, $"{field}: {right}/{asked} is below {floor:P0}; misses:\n{string.Join("\n", misses)}");
    }

    private static string? Expected(JsonElement expected, string name) =>
        expected.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void Count(Dictionary<string, (int Right, int Asked)> scores, string field, bool right, List<string> misses, string file, string detail)
    {
        var (r, a) = scores[field];
        scores[field] = (r + (right ? 1 : 0), a + 1);
        if (!right)
        {
            misses.Add($"{file}: {detail}");
        }
    }
}
