using WwanDaemon.At.Commands;
using WwanDaemon.Simulator.At;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>Every command of every AT profile, in every form it knows, gets a final result and no handler fails.</summary>
public class SimulatedAtCommandTableTests
{
    public static TheoryData<string> AtProfiles() => [.. Profiles.For("at")];

    [Theory]
    [MemberData(nameof(AtProfiles))]
    public async Task EveryCommandInEveryForm_AnswersWithoutAHandlerFailure(string profile)
    {
        await using var link = new SimulatedAtLink(profile);
        var table = AtCommandTable.For(link.Modem.Profile);

        // +CRESET reboots the modem (the port leaves); the switch tests cover it.
        foreach (var (name, kind) in table.Commands.Where(c => c.Name != "+CRESET"))
        {
            var command = (name, kind) switch
            {
                ("", _) => AtCommand.Attention,
                (_, AtRequestKind.Read) => AtCommand.Read(name),
                (_, AtRequestKind.Test) => AtCommand.Test(name),
                (_, AtRequestKind.Set) => AtCommand.Set(name, AtArgument.Number(1)),
                _ => AtCommand.Execute(name),
            };
            var response = await link.SendAsync(command);
            Assert.True(link.Port.HandlerFailures == 0, $"{profile}: {command.Text} threw {link.Port.LastHandlerFailure}");
            Assert.Null(link.Port.GoneBecause);
            Assert.NotNull(response.Final);
        }
    }

    [Fact]
    public async Task Gcap_ListsTheTs27007CommandSet()
    {
        await using var link = new SimulatedAtLink();

        var lines = await link.OkAsync(AtCommand.Execute("+GCAP"));

        Assert.Contains("+CGSM", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Sim7600Table_HasTheSimcomCommands_DefaultTableDoesNot()
    {
        var simcom = AtCommandTable.For(Profiles.Get("sim7600-rndis")).Commands.Select(c => c.Name).ToHashSet();
        var standard = AtCommandTable.For(Profiles.Get("default")).Commands.Select(c => c.Name).ToHashSet();

        Assert.Contains("+CUSBPIDSWITCH", simcom);
        Assert.Contains("$QCRMCALL", simcom);
        Assert.DoesNotContain("+CUSBPIDSWITCH", standard);
        Assert.DoesNotContain("+QCFG", simcom);
        Assert.True(standard.IsSubsetOf(simcom));
    }
}
