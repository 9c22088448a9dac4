using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Simulator.At;
using WwanDaemon.Simulator.Mbim;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Ports;
using WwanDaemon.Simulator.Qmi;

namespace WwanDaemon.Simulator.Machine;

/// <summary>
/// Which simulated port serves a device node: a cdc-wdm node speaks the protocol of the driver that
/// made it (qmi_wwan: QMI, cdc_mbim: MBIM; both through the dual port for a first-protocol-wins
/// modem, seed 001, whose firmware answers whichever it hears first whatever the driver); a tty
/// answers AT when its interface's role is an AT one or an unidentified serial port, and is silent
/// otherwise (DIAG, NMEA, audio, a CDC interface a serial driver took). An interface the knowledge
/// base marks <c>needs-dtr</c> answers only once the host raises DTR.
/// </summary>
internal static class ModemPortFactory
{
    public static ISimulatedPort Create(SimulatedModem modem, ClassNodeKind kind, string driver, InterfaceRole role, bool needsDtr, string name, PortFaults faults)
    {
        if (kind == ClassNodeKind.CdcWdm)
        {
            if (modem.Profile.FirstProtocolWins)
            {
                return new DualProtocolPort(modem, faults.Mbim, faults.Qmi);
            }
            return driver switch
            {
                "qmi_wwan" => new SimulatedQmiPort(modem, faults.Qmi),
                "cdc_mbim" => new SimulatedMbimPort(modem, faults.Mbim, qmiFaults: faults.Qmi),
                _ => Silent(modem, name),
            };
        }
        var speaksAt = role.IsAt() || role == InterfaceRole.Serial;
        return speaksAt
            ? new SimulatedAtPort(modem, new AtPortOptions { Name = $"{name} ({modem.Profile.Model} AT port)", NeedsDtr = needsDtr }, faults.At)
            : Silent(modem, name);
    }

    private static SimulatedAtPort Silent(SimulatedModem modem, string name) =>
        new(modem, new AtPortOptions { Name = $"{name} (silent port)", Silent = true });
}
