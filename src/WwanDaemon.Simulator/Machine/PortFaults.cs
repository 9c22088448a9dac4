using WwanDaemon.Simulator.At;
using WwanDaemon.Simulator.Mbim;
using WwanDaemon.Simulator.Qmi;

namespace WwanDaemon.Simulator.Machine;

/// <summary>
/// The scripted firmware bugs of every port a plugged device serves: its cdc-wdm nodes play
/// <see cref="Qmi"/> (qmi_wwan, and QMI tunnelled in MBIM) and <see cref="Mbim"/> (cdc_mbim), its AT
/// ttys <see cref="At"/>. The scripts live as long as the plug, so ports created later (a new
/// configuration, a rebind, a re-enumeration) play the same script. Tests add faults while serving.
/// </summary>
public sealed class PortFaults
{
    public QmiFaultScript Qmi { get; } = new();

    public MbimFaultScript Mbim { get; } = new();

    public AtFaultScript At { get; } = new();
}
