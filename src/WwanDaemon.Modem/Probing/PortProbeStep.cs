namespace WwanDaemon.Modem.Probing;

/// <summary>
/// The steps of one port's probe, walked in order by <see cref="PortProbe"/>; a step names the one
/// after it, so the walk is visible in one switch. The shape follows ModemManager's
/// mm-port-probe.c (a step enum walked by one function), with our timeouts and retries as data.
/// <code>
///   Plan ──skip──────────────────────────────────────────────► Done (Skipped)
///    │
///   Open ──fails─────────────────────────────────────────────► Done (Failed)
///    │ tty/AT                      │ cdc-wdm/QMI        │ cdc-wdm/MBIM
///   RaiseDtr (needs-dtr)          QmiVersion ×N       MbimOpen ×N ──► MbimClose
///    │                               │                    │              │
///   AtAttention ×N ──silent──► RaiseDtr (once) ──► AtAttention ...      │
///    │ OK                            │                    │              │
///   AtEchoOff ► AtCapabilities ──────┴────────────────────┴──────────────┴──► Done
/// </code>
/// </summary>
public enum PortProbeStep
{
    /// <summary>Decide from the plan, the bound driver and the quirks which protocol to try, or to skip the port.</summary>
    Plan,

    /// <summary>Open the device node.</summary>
    Open,

    /// <summary>Raise DTR (needs-dtr, or after a silent first AT try).</summary>
    RaiseDtr,

    /// <summary>Send "AT" and wait for OK, up to the configured tries.</summary>
    AtAttention,

    /// <summary>ATE0: echo off, and a second command the port must take.</summary>
    AtEchoOff,

    /// <summary>AT+GCAP: the capabilities that rank AT ports.</summary>
    AtCapabilities,

    /// <summary>QMI CTL Get Version Info, up to the configured tries.</summary>
    QmiVersion,

    /// <summary>MBIM OPEN, up to the configured tries.</summary>
    MbimOpen,

    /// <summary>MBIM CLOSE, leaving the function as the probe found it.</summary>
    MbimClose,

    /// <summary>The verdict is in; the port is closed.</summary>
    Done,
}
