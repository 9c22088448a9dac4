using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Modem.Probing;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Ports;
using WwanDaemon.Simulator.Qmi;
using WwanDaemon.Simulator.Tests;

namespace WwanDaemon.Modem.Tests.Simulated;

/// <summary>
/// Issue 5's probing modem, every port a real pty behind a symlink:
/// <code>
///   if  node        driver     plan role     simulated as
///   0   ttyUSB0     option     at            silent
///   1   ttyUSB1     option     serial        silent
///   2   ttyUSB2     qcserial   at-secondary  silent                     (seed 002's qcserial ttys)
///   3   ttyUSB3     option     at-primary    AT only once DTR is up     (seed 002)
///   4   ttyUSB4     option     ppp           AT
///   5   cdc-wdm0    qmi_wwan   qmi           QMI
///   6   cdc-wdm1    cdc_mbim   mbim-control  first-protocol-wins port   (seed 001: QMUX first would break it)
/// </code>
/// </summary>
public sealed class SevenPortModem : IAsyncDisposable
{
    private readonly List<SimulatedPortOnPty> served = [];
    private readonly List<ProbePort> ports = [];

    public SevenPortModem()
    {
        Silent = [new SilentPort(), new SilentPort(), new SilentPort()];
        DtrGated = new ScriptedAtPort(dtr: DtrLine);
        Ppp = new ScriptedAtPort("+CGSM,+DS");
        Qmi = new SimulatedQmiPort(new SimulatedModem(Profiles.Get("default")));
        Dual = new DualProtocolPort(new SimulatedModem(Profiles.Get("dw5570-first-protocol-wins")));

        Add(Silent[0], 0, PortKind.Tty, "option", InterfaceRole.At);
        Add(Silent[1], 1, PortKind.Tty, "option", InterfaceRole.Serial);
        Add(Silent[2], 2, PortKind.Tty, "qcserial", InterfaceRole.AtSecondary);
        Opener.Wire(Add(DtrGated, 3, PortKind.Tty, "option", InterfaceRole.AtPrimary).Path, DtrLine);
        Add(Ppp, 4, PortKind.Tty, "option", InterfaceRole.Ppp);
        Add(Qmi, 5, PortKind.CdcWdm, "qmi_wwan", InterfaceRole.Qmi);
        Add(Dual, 6, PortKind.CdcWdm, "cdc_mbim", InterfaceRole.MbimControl, PortQuirks.FirstProtocolWins);
    }

    public TestPortOpener Opener { get; } = new();

    public SimulatedDtrLine DtrLine { get; } = new();

    public IReadOnlyList<SilentPort> Silent { get; }

    public ScriptedAtPort DtrGated { get; }

    public ScriptedAtPort Ppp { get; }

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

    private ProbePort Add(ISimulatedPort simulated, int number, PortKind kind, string driver, InterfaceRole role, PortQuirks quirks = PortQuirks.None)
    {
        var pty = new SimulatedPortOnPty(simulated);
        served.Add(pty);
        var port = new ProbePort(pty.Link, kind, driver, role, number, quirks, "test plan");
        ports.Add(port);
        return port;
    }
}
