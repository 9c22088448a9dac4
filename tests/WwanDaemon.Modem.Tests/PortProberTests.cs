using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Linux.Terminals;
using WwanDaemon.Modem.Probing;
using WwanDaemon.Modem.Tests.Simulated;
using WwanDaemon.Qmi.Client;
using WwanDaemon.Simulator.At;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Ports;
using WwanDaemon.Simulator.Qmi;
using WwanDaemon.Simulator.Tests;

namespace WwanDaemon.Modem.Tests;

/// <summary>Single behaviours of the prober, each on simulated ports over real ptys.</summary>
public class PortProberTests
{
    /// <summary>Default tries and timeouts; a total budget and ranking timeout no busy test host reaches, so the tries decide (see ProbedSevenPortModem).</summary>
    private static readonly ProbeBudget Generous = new() { Total = TimeSpan.FromSeconds(30), AtRankTimeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Probe_FirstProtocolWinsPortUnderQmiWwan_HearsOnlyQmi_AndStillAnswersQmi()
    {
        using var dual = new DualProtocolPort(new SimulatedModem(Profiles.Get("dw5570-first-protocol-wins")));
        await using var pty = new SimulatedPortOnPty(dual);
        var port = new ProbePort(pty.Link, PortKind.CdcWdm, "qmi_wwan", InterfaceRole.MbimControl, 12, PortQuirks.FirstProtocolWins);

        var result = await new PortProber(new CharacterDevicePortOpener(), Generous).ProbeAsync([port]);

        Assert.Equal(PortProtocol.Qmi, result[pty.Link].Protocol);
        Assert.Equal(DualProtocolPort.Protocol.Qmi, dual.FirstProtocol);
        Assert.Equal(0, dual.IgnoredMessages);
        await using var stream = CharacterDevice.Open(pty.Link);
        await using var device = await QmiDevice.OpenAsync(stream, new QmiDeviceOptions { Name = "after probing" });
        var version = await device.RequestAsync("ctl", 0, "Get Version Info", []);
        Assert.NotNull(version["Service list"]);
    }

    [Fact]
    public async Task Probe_CdcWdmWithNothingKnown_MbimTriesRunOutThenQmiAnswers()
    {
        await using var pty = new SimulatedPortOnPty(new SimulatedQmiPort(new SimulatedModem(Profiles.Get("default"))));

        var result = await new PortProber(new CharacterDevicePortOpener(), Generous).ProbeAsync([new ProbePort(pty.Link, PortKind.CdcWdm, null, InterfaceRole.Unknown)]);

        var port = result[pty.Link];
        Assert.Equal(PortProtocol.Qmi, port.Protocol);
        Assert.Equal(3, port.Evidence.Count(e => e.Step == PortProbeStep.MbimOpen));
        Assert.Contains(port.Evidence, e => e.Step == PortProbeStep.QmiVersion);
        Assert.Equal(PortProtocol.Qmi, result.Control!.Protocol);
    }

    [Fact]
    public async Task Probe_DiagAndGpsPorts_SkippedWithoutBeingOpened()
    {
        var diag = new SilentPort();
        var gps = new SilentPort();
        await using var diagPty = new SimulatedPortOnPty(diag);
        await using var gpsPty = new SimulatedPortOnPty(gps);
        var opener = new TestPortOpener();

        var result = await new PortProber(opener, Generous).ProbeAsync(
        [
            new ProbePort(diagPty.Link, PortKind.Tty, "option", InterfaceRole.Diag, 0, RoleSource: "linux-qcserial-6.1"),
            new ProbePort(gpsPty.Link, PortKind.Tty, "option", InterfaceRole.Gps, 1),
        ]);

        Assert.Empty(opener.Opened);
        Assert.Equal(0, diag.BytesHeard);
        Assert.Equal(PortProtocol.Skipped, result[diagPty.Link].Protocol);
        Assert.Contains("diag", result[diagPty.Link].Reason, StringComparison.Ordinal);
        Assert.Contains("linux-qcserial-6.1", result[diagPty.Link].Reason, StringComparison.Ordinal);
        Assert.Equal(gpsPty.Link, Assert.Single(result.GpsPorts).Path);
        Assert.Null(result.Control);
    }

    private static SimulatedAtPort DtrGatedPort(Func<bool>? dtr) =>
        new(new SimulatedModem(Profiles.Get("default")), new AtPortOptions { Name = "AT port that needs DTR", NeedsDtr = true }) { DtrRaised = dtr };

    [Fact]
    public async Task Probe_DtrGatedPortWithoutTheQuirk_DtrRaisedAfterTheSilentFirstTry_AnswersOnTheSecond()
    {
        var line = new SimulatedDtrLine();
        var at = DtrGatedPort(() => line.Raised);
        await using var pty = new SimulatedPortOnPty(at);
        var opener = new TestPortOpener();
        opener.Wire(pty.Link, line);

        var result = await new PortProber(opener, Generous).ProbeAsync([new ProbePort(pty.Link, PortKind.Tty, "option", InterfaceRole.AtPrimary, 3)]);

        var port = result[pty.Link];
        Assert.Equal(PortProtocol.At, port.Protocol);
        Assert.InRange(port.At!.AnsweredOnTry, 2, 3); // try 1 is silent by construction; 3 only if a busy host let try 2 lapse
        Assert.True(port.At.DtrRaised);
        Assert.Contains(port.Evidence, e => e.Step == PortProbeStep.RaiseDtr && e.Text.Contains("AT try 1 was silent", StringComparison.Ordinal));
        Assert.Equal(port.Port, result.PrimaryAt);
    }

    [Fact]
    public async Task Probe_NeedsDtrFromTheKnowledgeBase_RaisedBeforeTheFirstTry()
    {
        var line = new SimulatedDtrLine();
        var at = DtrGatedPort(() => line.Raised);
        await using var pty = new SimulatedPortOnPty(at);
        var opener = new TestPortOpener();
        opener.Wire(pty.Link, line);

        var result = await new PortProber(opener, Generous).ProbeAsync([new ProbePort(pty.Link, PortKind.Tty, "option", InterfaceRole.At, 5, PortQuirks.NeedsDtr)]);

        var port = result[pty.Link];
        Assert.Equal(PortProtocol.At, port.Protocol);
        Assert.True(port.At!.DtrRaised);
        var raised = port.Evidence.ToList().FindIndex(e => e.Step == PortProbeStep.RaiseDtr && e.Text.Contains("needs-dtr", StringComparison.Ordinal));
        var firstTry = port.Evidence.ToList().FindIndex(e => e.Step == PortProbeStep.AtAttention);
        Assert.InRange(raised, 0, firstTry - 1);
        Assert.Equal(PortProtocol.At, result.Control!.Protocol);
    }

    [Fact]
    public async Task Probe_DtrGatedPortWithoutLineControl_SilentAndTheEvidenceSaysDtrWasNotSupported()
    {
        var at = DtrGatedPort(() => false);
        await using var pty = new SimulatedPortOnPty(at);

        var result = await new PortProber(new CharacterDevicePortOpener(), Generous).ProbeAsync([new ProbePort(pty.Link, PortKind.Tty, "option", InterfaceRole.At, 3)]);

        var port = result[pty.Link];
        Assert.Equal(PortProtocol.Silent, port.Protocol);
        Assert.Contains("DTR could not be raised", port.Reason, StringComparison.Ordinal);
        Assert.Contains(port.Evidence, e => e.Step == PortProbeStep.RaiseDtr && e.Text.Contains(nameof(DtrResult.NotSupported), StringComparison.Ordinal));
        Assert.Equal(0, at.CommandsAnswered);
    }

    [Fact]
    public async Task Probe_FirstTryAnsweredLate_CapabilitiesAreReadFromTheirOwnAnswer()
    {
        // The firmware answers the first "AT" after 1.5 s: try 1 (1 s) lapses, try 2 takes its late OK,
        // and every later answer belongs to the command before it (AT has no transaction ids): ATE0 gets
        // try 2's OK, and ATE0's own OK, held back a little, reaches AT+GCAP after it was sent.
        var at = new SimulatedAtPort(new SimulatedModem(Profiles.Get("default")), new AtPortOptions { Name = "late first answer" });
        at.Faults.Add(new AtFault("", AtFaultKind.Delay, Delay: TimeSpan.FromMilliseconds(1500)));
        at.Faults.Add(new AtFault("E", AtFaultKind.Delay, Delay: TimeSpan.FromMilliseconds(200)));
        await using var pty = new SimulatedPortOnPty(at);
        var budget = Generous with { AtTryTimeout = TimeSpan.FromSeconds(1) };

        var result = await new PortProber(new CharacterDevicePortOpener(), budget).ProbeAsync([new ProbePort(pty.Link, PortKind.Tty, "option", InterfaceRole.At, 0)]);

        var port = result[pty.Link];
        var evidence = string.Join(" / ", port.Evidence.Select(e => $"{e.Step}: {e.Text}"));
        Assert.Equal(PortProtocol.At, port.Protocol);
        Assert.True(port.At!.HasGsmCommandSet, evidence);
        Assert.Equal(0, at.HandlerFailures);
    }

    [Fact]
    public async Task Probe_Cancelled_ThrowsAndClosesEveryPort()
    {
        var silent = new[] { new SilentPort(), new SilentPort() };
        await using var first = new SimulatedPortOnPty(silent[0]);
        await using var second = new SimulatedPortOnPty(silent[1]);
        var opener = new TestPortOpener();
        var bothOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        opener.PortOpened += _ =>
        {
            if (opener.Opened.Count == 2)
            {
                bothOpen.TrySetResult();
            }
        };
        // A budget that would take minutes: only the cancellation can end this probe.
        var patient = new ProbeBudget { AtTryTimeout = TimeSpan.FromMinutes(1), Total = TimeSpan.FromMinutes(5) };
        using var cancel = new CancellationTokenSource();

        var probing = new PortProber(opener, patient).ProbeAsync(
            [new ProbePort(first.Link, PortKind.Tty, "option", InterfaceRole.At, 0), new ProbePort(second.Link, PortKind.Tty, "option", InterfaceRole.At, 1)],
            cancel.Token);
        await bothOpen.Task;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probing);
        Assert.Equal(0, opener.StillOpen);
    }

    [Fact]
    public async Task Probe_BudgetRunsOut_UnansweredPortIsSilentNamingTheStep()
    {
        await using var pty = new SimulatedPortOnPty(new SilentPort());
        var budget = new ProbeBudget { AtTryTimeout = TimeSpan.FromMinutes(1), Total = TimeSpan.FromSeconds(1) };

        var result = await new PortProber(new CharacterDevicePortOpener(), budget).ProbeAsync([new ProbePort(pty.Link, PortKind.Tty, null, InterfaceRole.Unknown)]);

        var port = result[pty.Link];
        Assert.Equal(PortProtocol.Silent, port.Protocol);
        Assert.Contains("budget", port.Reason, StringComparison.Ordinal);
        Assert.Contains(nameof(PortProbeStep.AtAttention), port.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_MissingNode_FailedWithTheOpenError()
    {
        var path = Path.Combine(Path.GetTempPath(), "no-such-port-" + Guid.NewGuid().ToString("N"));

        var result = await new PortProber(new CharacterDevicePortOpener(), Generous).ProbeAsync([new ProbePort(path, PortKind.Tty, "option", InterfaceRole.At)]);

        Assert.Equal(PortProtocol.Failed, result[path].Protocol);
        Assert.Contains(path, result[path].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Probe_SamePathTwice_Refused()
    {
        var port = new ProbePort("/dev/ttyUSB0", PortKind.Tty, "option", InterfaceRole.At);

        await Assert.ThrowsAsync<ArgumentException>(() => new PortProber(new CharacterDevicePortOpener(), Generous).ProbeAsync([port, port]));
    }
}
