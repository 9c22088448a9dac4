using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Modem.Probing;
using WwanDaemon.Simulator.At;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Ports;
using WwanDaemon.Simulator.Qmi;
using WwanDaemon.Simulator.Tests;

namespace WwanDaemon.Modem.Tests.Simulated;

/// <summary>
/// Issue 5's probing modem, every port a real pty behind a symlink, opened the daemon's way
/// (<see cref="LinuxProbePortOpener"/>: ttys as serial ports, cdc-wdm as character devices):
/// <code>
///   if  node        driver     plan role     simulated as
///   0   ttyUSB0     option     at            silent AT port                  (seed 002's ttys that never answer)
///   1   ttyUSB1     option     serial        silent AT port
///   2   ttyUSB2     qcserial   at-secondary  silent AT port
///   3   ttyUSB3     option     at-primary    AT port answering only with DTR (seed 002; DTR read through the pty convention)
///   4   ttyUSB4     option     ppp           AT port
///   5   cdc-wdm0    qmi_wwan   qmi           QMI
///   6   cdc-wdm1    cdc_mbim   mbim-control  first-protocol-wins port        (seed 001: QMUX first would break it)
/// </code>
/// The AT ports share one simulated modem, as the ttys of one device do.
/// </summary>
public sealed class SevenPortModem : IAsyncDisposable
{
    private readonly List<SimulatedPortOnPty> served = [];
    private readonly List<ProbePort> ports = [];

    public SevenPortModem()
    {
        var atModem = new SimulatedModem(Profiles.Get("default"));
        Silent = [.. Enumerable.Range(0, 3).Select(i => new SimulatedAtPort(atModem, new AtPortOptions { Name = $"silent port {i}", Silent = true }))];
        DtrGated = new SimulatedAtPort(atModem, new AtPortOptions { Name = "AT port that needs DTR", NeedsDtr = true });
        Ppp = new SimulatedAtPort(atModem, new AtPortOptions { Name = "modem port" });
        Qmi = new SimulatedQmiPort(new SimulatedModem(Profiles.Get("default")));
        Dual = new DualProtocolPort(new SimulatedModem(Profiles.Get("dw5570-first-protocol-wins")));

        Add(Silent[0], 0, PortKind.Tty, "option", InterfaceRole.At);
        Add(Silent[1], 1, PortKind.Tty, "option", InterfaceRole.Serial);
        Add(Silent[2], 2, PortKind.Tty, "qcserial", InterfaceRole.AtSecondary);
        var gated = Add(DtrGated, 3, PortKind.Tty, "option", InterfaceRole.AtPrimary);
        DtrGated.DtrRaised = () => gated.Terminal.HostRaisedDtr;
        Add(Ppp, 4, PortKind.Tty, "option", InterfaceRole.Ppp);
        Add(Qmi, 5, PortKind.CdcWdm, "qmi_wwan", InterfaceRole.Qmi);
        Add(Dual, 6, PortKind.CdcWdm, "cdc_mbim", InterfaceRole.MbimControl, PortQuirks.FirstProtocolWins);
    }

    public TestPortOpener Opener { get; } = new(new LinuxProbePortOpener());

    public IReadOnlyList<SimulatedAtPort> Silent { get; }

    public SimulatedAtPort DtrGated { get; }

    public SimulatedAtPort Ppp { get; }

    public SimulatedQmiPort Qmi { get; }

    public DualProtocolPort Dual { get; }

    /// <summary>The seven ports, in interface order.</summary>
    public IReadOnlyList<ProbePort> Ports => ports;

    /// <summary>The port of interface <paramref name="number"/>.</summary>
    public ProbePort Port(int number) => ports.Single(p => p.Interface == number);

    public async ValueTask DisposeAsync()
    {
        foreach (var port in served)
        {
            await port.DisposeAsync();
        }
        Dual.Dispose();
    }

    private SimulatedPortOnPty Add(ISimulatedPort simulated, int number, PortKind kind, string driver, InterfaceRole role, PortQuirks quirks = PortQuirks.None)
    {
        var pty = new SimulatedPortOnPty(simulated);
        served.Add(pty);
        ports.Add(new ProbePort(pty.Link, kind, driver, role, number, quirks, "test plan"));
        return pty;
    }
}
