using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;
using WwanDaemon.At.Parsers;
using WwanDaemon.Simulator.At;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// The port variants probing meets (slow, silent DIAG, DTR-gated) and the scripted firmware faults.
/// A silent or dropped command must time out on the host: those tests use a short command timeout
/// and assert only that it timed out, never how long anything took.
/// </summary>
public class SimulatedAtPortBehaviourTests
{
    private static readonly TimeSpan ShortTimeout = TimeSpan.FromMilliseconds(400);

    // For commands that must be answered: a loaded host may take far longer than ShortTimeout to serve them.
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(Generous);
        while (!condition())
        {
            await Task.Delay(10, limit.Token);
        }
    }

    private static SimulatedAtLink Link(AtPortOptions options, TimeSpan? timeout = null) =>
        new(new SimulatedAtPort(new SimulatedModem(Profiles.Get("default")), options), timeout);

    [Fact]
    public async Task SlowPort_StillAnswersWithinAGenerousTimeout()
    {
        await using var link = Link(AtPortProfiles.Variants["slow-port"]);

        var response = await link.SendAsync(AtCommand.Attention);

        Assert.True(response.IsOk);
        Assert.Equal(1, link.Port.CommandsAnswered);
    }

    [Fact]
    public async Task SilentPort_NeverAnswersNorEchoes()
    {
        await using var link = Link(AtPortProfiles.Variants["silent-port"], ShortTimeout);

        await Assert.ThrowsAsync<AtTimeoutException>(() => link.SendAsync(AtCommand.Attention));
        await Assert.ThrowsAsync<AtTimeoutException>(() => link.SendAsync(AtCommand.Execute("I")));
        // The host's timeout is not the port's: a port slowed by a busy host may take the second line only now.
        await WaitUntilAsync(() => link.Port.LinesIgnored >= 2);

        Assert.Equal(2, link.Port.LinesIgnored);
        Assert.Equal(0, link.Port.CommandsAnswered);
        Assert.Equal(0, link.Channel.StrayLines);
    }

    [Fact]
    public async Task NeedsDtr_IgnoresCommandsUntilTheHostRaisesDtr()
    {
        var dtr = false;
        await using var link = Link(AtPortProfiles.Variants["needs-dtr"], ShortTimeout);
        link.Port.DtrRaised = () => Volatile.Read(ref dtr);

        await Assert.ThrowsAsync<AtTimeoutException>(() => link.SendAsync(AtCommand.Attention));
        // The host's timeout is not the port's: raise DTR only once the port has really ignored "AT",
        // or a port slowed by a busy host would answer it late, into the next command.
        await WaitUntilAsync(() => link.Port.LinesIgnored == 1);
        Volatile.Write(ref dtr, true);
        var response = await link.SendAsync(AtCommand.Execute("+CGMM").WithTimeout(Generous));

        Assert.Equal(link.Modem.Profile.Model, IdentityParsers.ParseModel(response.Lines));
        Assert.Equal(1, link.Port.LinesIgnored);
        Assert.Equal(0, link.Port.HandlerFailures);
    }

    [Fact]
    public async Task NeedsDtr_WithoutAPredicate_DtrIsNeverRaised()
    {
        await using var link = Link(AtPortProfiles.Variants["needs-dtr"], ShortTimeout);

        await Assert.ThrowsAsync<AtTimeoutException>(() => link.SendAsync(AtCommand.Attention));
    }

    [Fact]
    public async Task Fault_DropThenAnswersTheNextCommand()
    {
        await using var link = new SimulatedAtLink();
        link.Port.Faults.Add(new AtFault("+CSQ", AtFaultKind.Drop));

        await Assert.ThrowsAsync<AtTimeoutException>(() => link.SendAsync(AtCommand.Execute("+CSQ").WithTimeout(ShortTimeout)));
        var csq = SignalParsers.ParseCsq(await link.OkAsync(AtCommand.Execute("+CSQ")));

        Assert.Equal((link.Modem.Signal.RssiDbm + 113) / 2, csq.Rssi);
    }

    [Fact]
    public async Task Fault_GarbageLineBeforeTheAnswer_TheParserStillFindsItsLine()
    {
        await using var link = new SimulatedAtLink();
        link.Port.Faults.Add(new AtFault("+CGSN", AtFaultKind.GarbageLine, Line: "\u0001\u0002~~noise~~"));

        var lines = await link.OkAsync(AtCommand.Execute("+CGSN"));

        Assert.Equal(2, lines.Count);
        Assert.Equal(link.Modem.Profile.Imei, lines[1]);
    }

    [Fact]
    public async Task Fault_ErrorAndStopAnswering()
    {
        await using var link = new SimulatedAtLink();
        link.Port.Faults.Add(new AtFault("+CIMI", AtFaultKind.Error));
        link.Port.Faults.Add(new AtFault("+CGMR", AtFaultKind.StopAnswering));

        Assert.False((await link.SendAsync(AtCommand.Execute("+CIMI"))).IsOk);
        Assert.True((await link.SendAsync(AtCommand.Execute("+CIMI"))).IsOk);
        await Assert.ThrowsAsync<AtTimeoutException>(() => link.SendAsync(AtCommand.Execute("+CGMR").WithTimeout(ShortTimeout)));
        await Assert.ThrowsAsync<AtTimeoutException>(() => link.SendAsync(AtCommand.Attention.WithTimeout(ShortTimeout)));
    }

    [Fact]
    public async Task Fault_Reset_RdyArrivesSettingsAreDefaultAgainSessionsEnd()
    {
        await using var link = new SimulatedAtLink();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var urcs = link.Channel.UnsolicitedAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        await link.OkAsync(AtCommand.Execute("E0"));
        await link.OkAsync(AtCommand.Set("+CGDCONT", AtArgument.Number(1), AtArgument.Quoted("IP", "PDP type"), AtArgument.Apn("internet")));
        await link.OkAsync(AtCommand.Set("+CGACT", AtArgument.Number(1), AtArgument.Number(1)));
        link.Port.Faults.Add(new AtFault("+COPS", AtFaultKind.Reset));

        await Assert.ThrowsAsync<AtTimeoutException>(() => link.SendAsync(AtCommand.Read("+COPS").WithTimeout(ShortTimeout)));

        Assert.True(await urcs.MoveNextAsync());
        Assert.Equal("RDY", urcs.Current.Line);
        Assert.True(link.Port.Session.Echo);
        Assert.Empty(link.Modem.Sessions);
        Assert.Single(link.Modem.PdpContexts); // +CGDCONT lives in NV memory
        await urcs.DisposeAsync();
    }

    [Theory]
    [InlineData("sim7600-rndis")]
    [InlineData("default")]
    public async Task Fault_Reenumerate_ThePortIsGone(string profile)
    {
        await using var link = new SimulatedAtLink(profile);
        link.Port.Faults.Add(new AtFault(null, AtFaultKind.Reenumerate));

        await Assert.ThrowsAsync<AtPortGoneException>(() => link.SendAsync(AtCommand.Attention));

        Assert.NotNull(link.Port.GoneBecause);
    }

    [Fact]
    public async Task CommandLine_ChainedCommandsAnswerTogether_FirstErrorEndsTheLine()
    {
        await using var link = new SimulatedAtLink();
        var port = link.Port;

        // The host never chains (AtCommand refuses ';'); a raw line exercises the device side.
        var requests = AtCommandLineParser.Parse("AT+CGMI;+CGMM;E0V1")!;
        Assert.Equal(["+CGMI", "+CGMM", "E", "V"], requests.Select(r => r.Name));
        Assert.Null(AtCommandLineParser.Parse("AT+CGDCONT=1,\"IP"));
        Assert.Null(AtCommandLineParser.Parse("+CGMI"));
        Assert.Equal(0, port.HandlerFailures);
    }
}
