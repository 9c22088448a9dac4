using WwanDaemon.Linux.Terminals;
using WwanDaemon.Mbim.Client;
using WwanDaemon.Modem.Probing;
using WwanDaemon.Modem.Tests.Simulated;
using WwanDaemon.Simulator.Ports;
using Xunit.Abstractions;

namespace WwanDaemon.Modem.Tests;

/// <summary>
/// The seven-port modem probed once for every test in the class, with the default tries and timeouts
/// but a generous total budget: a busy test host (xunit runs classes in parallel on 2 CPUs) can delay
/// timers by hundreds of milliseconds, and these tests check verdicts, not durations (those are in
/// docs/benchmarks.md), so silent ports must be bounded by their tries here, never by the budget.
/// </summary>
public sealed class ProbedSevenPortModem : IAsyncLifetime
{
    public SevenPortModem Modem { get; private set; } = null!;

    public ModemProbeResult Result { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Modem = new SevenPortModem();
        // AtRankTimeout too: ATE0 and AT+GCAP go only to ports that already answered, and one lapsed
        // 300 ms +GCAP on a busy host would lose the +CGSM evidence a test below checks.
        Result = await new PortProber(Modem.Opener, new ProbeBudget { Total = TimeSpan.FromSeconds(30), AtRankTimeout = TimeSpan.FromSeconds(10) }).ProbeAsync(Modem.Ports);
    }

    public async Task DisposeAsync() => await Modem.DisposeAsync();
}

/// <summary>Issue 5's acceptance modem (see <see cref="SevenPortModem"/>) over real ptys.</summary>
public sealed class SevenPortModemProbingTests(ProbedSevenPortModem probed) : IClassFixture<ProbedSevenPortModem>
{
    private readonly SevenPortModem modem = probed.Modem;
    private readonly ModemProbeResult result = probed.Result;

    [Fact]
    public void Probe_EveryPort_SpeaksWhatItsSimulatorSpeaks()
    {
        var speaks = modem.Ports.Select(p => result[p.Path].Protocol).ToArray();

        Assert.Equal(
            [PortProtocol.Silent, PortProtocol.Silent, PortProtocol.Silent, PortProtocol.At, PortProtocol.At, PortProtocol.Qmi, PortProtocol.Mbim],
            speaks);
        Assert.Equal(7, modem.Opener.Opened.Count);
        Assert.Equal(0, modem.Opener.StillOpen);
    }

    [Fact]
    public void Probe_SilentTtys_UsedEveryTryAndRaisedDtrOnce()
    {
        foreach (var number in new[] { 0, 1, 2 })
        {
            var port = result[modem.Port(number).Path];
            Assert.Equal(3, port.Evidence.Count(e => e.Step == PortProbeStep.AtAttention));
            var dtr = Assert.Single(port.Evidence, e => e.Step == PortProbeStep.RaiseDtr);
            Assert.Contains(nameof(DtrResult.Emulated), dtr.Text, StringComparison.Ordinal);
            Assert.Contains("no answer to 3 AT tries of 300 ms (DTR raised)", port.Reason, StringComparison.Ordinal);
            Assert.Null(port.At);
            Assert.Equal(0, modem.Silent[number].CommandsAnswered);
        }
    }

    [Fact]
    public void Probe_DtrGatedPort_AnswersBecauseOpeningTheSerialPortRaisedDtr()
    {
        var port = result[modem.Port(3).Path];

        // Which try answers is timing (a busy host can let a 300 ms try lapse); that DTR was up from the open is not.
        Assert.Equal(PortProtocol.At, port.Protocol);
        Assert.Contains(port.Evidence, e => e.Step == PortProbeStep.Open && e.Text.Contains("DTR", StringComparison.Ordinal));
        Assert.True(port.At!.HasGsmCommandSet); // +GCAP: +CGSM,+DS,+ES
        Assert.True(modem.DtrGated.CommandsAnswered >= 3); // AT, ATE0, AT+GCAP
        Assert.Equal(0, modem.DtrGated.HandlerFailures);
    }

    [Fact]
    public void Probe_Ranking_PrimaryFromThePlanPppFromThePlan()
    {
        Assert.Equal(modem.Port(3), result.PrimaryAt);
        Assert.Equal(modem.Port(4), result.PppPort);
        Assert.Empty(result.SecondaryAt);
        Assert.All(result.Ranking, r => Assert.False(string.IsNullOrWhiteSpace(r.Evidence)));
    }

    [Fact]
    public void Probe_Control_IsAPortThatAnsweredItsDriversProtocol()
    {
        Assert.NotNull(result.Control);
        Assert.Equal(modem.Port(5), result.Control.Port);
        Assert.Equal(PortProtocol.Qmi, result.Control.Protocol);
        Assert.Contains("cdc-wdm", result.Control.Evidence + result.Control.Port.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Probe_QmiPort_HeardOnlyQmi()
    {
        var port = result[modem.Port(5).Path];

        Assert.Contains(port.Evidence, e => e.Step == PortProbeStep.QmiVersion);
        Assert.DoesNotContain(port.Evidence, e => e.Step is PortProbeStep.MbimOpen or PortProbeStep.AtAttention);
    }

    [Fact]
    public async Task Probe_FirstProtocolWinsMbimPort_NeverHeardQmux_AndStillAnswersMbim()
    {
        var port = result[modem.Port(6).Path];
        Assert.DoesNotContain(port.Evidence, e => e.Step is PortProbeStep.QmiVersion or PortProbeStep.AtAttention);
        Assert.Equal(DualProtocolPort.Protocol.Mbim, modem.Dual.FirstProtocol);
        Assert.Equal(0, modem.Dual.IgnoredMessages);

        // The daemon's real session after the probe: OPEN and a command still work.
        await using var stream = CharacterDevice.Open(modem.Port(6).Path);
        await using var device = await MbimDevice.OpenAsync(stream, new MbimDeviceOptions { Name = "cdc-wdm1 after probing" });
        var caps = await device.QueryAsync("basic-connect", "Device Caps");

        Assert.NotNull(caps);
        Assert.Equal(0, modem.Dual.IgnoredMessages);
    }

    [Fact]
    public void Probe_EveryPort_HasEvidenceForItsVerdict()
    {
        Assert.All(result.Ports, port =>
        {
            Assert.False(string.IsNullOrWhiteSpace(port.Reason));
            Assert.Equal(PortProbeStep.Plan, port.Evidence[0].Step);
        });
    }
}

/// <summary>The text report of the seven-port probe (printed to the test log for people reading a run).</summary>
public sealed class SevenPortModemReportTests(ProbedSevenPortModem probed, ITestOutputHelper output) : IClassFixture<ProbedSevenPortModem>
{
    [Fact]
    public void Write_NamesEveryPortTheRanksAndTheControlPort()
    {
        var text = ModemProbeTextWriter.Write(probed.Result);
        output.WriteLine(text);

        Assert.All(probed.Modem.Ports, port => Assert.Contains(port.Path, text, StringComparison.Ordinal));
        Assert.Contains("Primary: ", text, StringComparison.Ordinal);
        Assert.Contains("control: ", text, StringComparison.Ordinal);
    }
}
