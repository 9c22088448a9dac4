using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;

namespace WwanDaemon.Mbim.Tests;

/// <summary>
/// The annotated-hex fixtures cover the declarations: every declared command of every service has a
/// canonical fixture for each kind it declares (query, set, response, notification), so the round-trip
/// test really reaches every CID; and fragmented fixtures exist for answers and notifications.
/// </summary>
public class MbimFixtureCoverageTests
{
    private static (Guid Service, uint Cid, string Kind, int Transfers)[] Covered() =>
        [.. ((IEnumerable<object[]>)MbimFixtureRoundTripTests.Canonical).Select(row => FixtureFile.Load((string)row[0]))
            .Select(file => (file.Message(), Transfers.Cut(file.Bytes).Count))
            .Select(pair => pair.Item1 switch
            {
                MbimCommand command => (command.Service, command.Cid, command.CommandType == MbimCommandType.Query ? "query" : "set", pair.Count),
                MbimCommandDone done => (done.Service, done.Cid, "response", pair.Count),
                MbimIndicateStatus indication => (indication.Service, indication.Cid, "notification", pair.Count),
                _ => (Guid.Empty, 0u, "control", pair.Count),
            })];

    [Fact]
    public void EveryDeclaredCommandAndKind_HasAFixture()
    {
        var covered = Covered().Select(c => (c.Service, c.Cid, c.Kind)).ToHashSet();
        var missing = new List<string>();
        foreach (var service in MbimDeclarations.Embedded.Services)
        {
            foreach (var command in service.Commands)
            {
                var kinds = new (string Kind, object? Layout)[] { ("query", command.Query), ("set", command.Set), ("response", command.Response), ("notification", command.Notification) };
                missing.AddRange(kinds
                    .Where(k => k.Layout is not null && !covered.Contains((service.ServiceId, command.Cid, k.Kind)))
                    .Select(k => $"{service.Service} {command.Name} (CID {command.Cid}) {k.Kind}"));
            }
        }

        Assert.True(missing.Count == 0, "no annotated-hex fixture for: " + string.Join("; ", missing));
    }

    [Fact]
    public void FragmentedFixtures_CoverResponsesAndNotifications()
    {
        var fragmented = Covered().Where(c => c.Transfers > 1).Select(c => c.Kind).ToHashSet();

        Assert.Contains("response", fragmented);
        Assert.Contains("notification", fragmented);
    }
}
