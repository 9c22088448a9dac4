using WwanDaemon.Composition.Diagnosis;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Modem.Probing;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Modem.Tests;

/// <summary>The prober's input built from the planner's output for the seed devices (data/samples/seeds).</summary>
public class ProbePortsTests
{
    private static CompositionPlan Plan(string seed, CompositionPolicy policy)
    {
        var file = Directory.GetFiles(Fixtures.Path("seeds"), seed + "*.txt").Single();
        return Assert.Single(Diagnoser.FromText(File.ReadAllText(file), file, policy, KnowledgeBaseData.Embedded)).Plan;
    }

    [Fact]
    public void FromPlan_Seed000Sim7600Rndis_DiagGpsAudioSkippedAtPortsProbedWithAt()
    {
        var plan = Plan("seed-000", CompositionPolicy.Keep);
        // option binds interfaces 2-6 as ttyUSB0-4 (seed 000: "accessible through ttyUSB2" = interface 4).
        var nodes = Enumerable.Range(2, 5).Select(i => new PortNode(i, $"/dev/ttyUSB{i - 2}", PortKind.Tty));

        var ports = ProbePorts.FromPlan(plan, nodes);

        Assert.Equal([InterfaceRole.Diag, InterfaceRole.Gps, InterfaceRole.AtPrimary, InterfaceRole.Ppp, InterfaceRole.Audio], ports.Select(p => p.Role));
        Assert.Equal([true, true, false, false, true], ports.Select(p => ProbeRoute.For(p).Skips));
        Assert.Equal("/dev/ttyUSB2", ports.Single(p => p.Role == InterfaceRole.AtPrimary).Path);
        Assert.All(ports, p => Assert.False(string.IsNullOrEmpty(p.RoleSource)));
    }

    [Fact]
    public void FromPlan_Seed001Dw5570Mbim_ControlPortCarriesFirstProtocolWinsAndIsProbedWithMbimOnly()
    {
        var plan = Plan("seed-001", CompositionPolicy.PreferMbim);

        var port = Assert.Single(ProbePorts.FromPlan(plan, [new PortNode(12, "/dev/cdc-wdm0", PortKind.CdcWdm)]));

        Assert.Equal(InterfaceRole.MbimControl, port.Role);
        Assert.Equal("cdc_mbim", port.BoundDriver);
        Assert.True(port.Quirks.HasFlag(PortQuirks.FirstProtocolWins));
        Assert.Equal([PortProtocol.Mbim], ProbeRoute.For(port).Protocols);
    }

    [Fact]
    public void FromPlan_NeedsDtrQuirkForOneInterface_OnlyThatPortGetsIt()
    {
        var plan = Plan("seed-000", CompositionPolicy.Keep);
        var needsDtr = new QuirkEntry { Name = "needs-dtr", Interfaces = [5], Source = "test" };
        plan = plan with { Knowledge = plan.Knowledge! with { Quirks = [.. plan.Knowledge.Quirks, needsDtr] } };

        var ports = ProbePorts.FromPlan(plan, [new PortNode(4, "/dev/ttyUSB2", PortKind.Tty), new PortNode(5, "/dev/ttyUSB3", PortKind.Tty)]);

        Assert.Equal([PortQuirks.None, PortQuirks.NeedsDtr], ports.Select(p => p.Quirks));
    }

    [Fact]
    public void FromPlan_NodeTheDumpDoesNotShow_UnknownRoleProbedByItsKind()
    {
        var plan = Plan("seed-000", CompositionPolicy.Keep);

        var port = Assert.Single(ProbePorts.FromPlan(plan, [new PortNode(42, "/dev/ttyUSB9", PortKind.Tty)]));

        Assert.Equal(InterfaceRole.Unknown, port.Role);
        Assert.Equal([PortProtocol.At], ProbeRoute.For(port).Protocols);
    }
}
