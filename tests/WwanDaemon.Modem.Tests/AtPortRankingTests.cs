using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Modem.Probing;

namespace WwanDaemon.Modem.Tests;

/// <summary>Ranking and control choice are pure: results in, ranks out.</summary>
public class AtPortRankingTests
{
    private static PortProbeResult At(string path, InterfaceRole role, int number, params string[] capabilities) =>
        new(new ProbePort(path, PortKind.Tty, "option", role, number), PortProtocol.At, "answered AT", [],
            new AtPortDetails(false, true, capabilities, 1), TimeSpan.Zero);

    private static PortProbeResult Other(string path, PortProtocol protocol, InterfaceRole role, int number, PortKind kind = PortKind.CdcWdm) =>
        new(new ProbePort(path, kind, null, role, number), protocol, $"answered {protocol}", [], null, TimeSpan.Zero);

    [Fact]
    public void Rank_NoHints_GsmCommandSetFirstThenInterfaceOrder()
    {
        var results = new[]
        {
            At("/dev/ttyUSB1", InterfaceRole.Serial, 1),
            At("/dev/ttyUSB2", InterfaceRole.Serial, 2, "+CGSM", "+DS"),
            At("/dev/ttyUSB3", InterfaceRole.Serial, 3, "+CGSM"),
        };

        var ranking = AtPortRanking.Rank(results);

        Assert.Equal("/dev/ttyUSB2", ranking.Single(r => r.Rank == AtPortRank.Primary).Port.Path);
        Assert.Equal(["/dev/ttyUSB3", "/dev/ttyUSB1"], ranking.Where(r => r.Rank == AtPortRank.Secondary).Select(r => r.Port.Path));
        Assert.Equal("/dev/ttyUSB2", ranking.Single(r => r.Rank == AtPortRank.Ppp).Port.Path);
    }

    [Fact]
    public void Rank_PlanHints_BeatCapabilities()
    {
        var results = new[]
        {
            At("/dev/ttyUSB1", InterfaceRole.AtSecondary, 1, "+CGSM"),
            At("/dev/ttyUSB2", InterfaceRole.AtPrimary, 2),
            At("/dev/ttyUSB3", InterfaceRole.Ppp, 3, "+CGSM"),
        };

        var ranking = AtPortRanking.Rank(results);

        Assert.Equal("/dev/ttyUSB2", ranking.Single(r => r.Rank == AtPortRank.Primary).Port.Path);
        Assert.Equal("/dev/ttyUSB1", ranking.Single(r => r.Rank == AtPortRank.Secondary).Port.Path);
        Assert.Equal("/dev/ttyUSB3", ranking.Single(r => r.Rank == AtPortRank.Ppp).Port.Path);
        Assert.Contains("at-primary", ranking.Single(r => r.Rank == AtPortRank.Primary).Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Rank_OnlyThePppPortAnswered_ItIsPrimaryAndPpp()
    {
        var ranking = AtPortRanking.Rank([At("/dev/ttyUSB3", InterfaceRole.Ppp, 3)]);

        Assert.Equal([AtPortRank.Primary, AtPortRank.Ppp], ranking.Select(r => r.Rank));
    }

    [Fact]
    public void ChooseControl_NoQmiOrMbim_ThePrimaryAtPort()
    {
        var results = new[] { At("/dev/ttyUSB2", InterfaceRole.At, 2), Other("/dev/ttyUSB0", PortProtocol.Skipped, InterfaceRole.Diag, 0, PortKind.Tty) };

        var control = AtPortRanking.ChooseControl(results, AtPortRanking.Rank(results));

        Assert.Equal(("/dev/ttyUSB2", PortProtocol.At), (control!.Port.Path, control.Protocol));
    }

    [Fact]
    public void ChooseControl_TwoAnswered_TheOneThePlanAgreesWith()
    {
        var results = new[]
        {
            Other("/dev/cdc-wdm0", PortProtocol.Qmi, InterfaceRole.Unknown, 4),
            Other("/dev/cdc-wdm1", PortProtocol.Mbim, InterfaceRole.MbimControl, 12),
        };

        var control = AtPortRanking.ChooseControl(results, []);

        Assert.Equal("/dev/cdc-wdm1", control!.Port.Path);
        Assert.Contains("/dev/cdc-wdm0", control.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void ChooseControl_NothingAnswered_Null()
    {
        Assert.Null(AtPortRanking.ChooseControl([Other("/dev/ttyUSB0", PortProtocol.Silent, InterfaceRole.At, 0, PortKind.Tty)], []));
    }

    [Theory]
    [InlineData("+GCAP: +CGSM,+DS,+ES", new[] { "+CGSM", "+DS", "+ES" })]
    [InlineData("+GCAP:+CGSM", new[] { "+CGSM" })]
    [InlineData("+GCAP: +CGSM, +FCLASS, +DS", new[] { "+CGSM", "+FCLASS", "+DS" })]
    [InlineData("garbage", new string[0])]
    public void ParseCapabilities_RealReplies(string line, string[] expected)
    {
        Assert.Equal(expected, PortProbe.ParseCapabilities([line]));
    }
}
