namespace WwanDaemon.Simulator.At;

/// <summary>
/// The settings of one AT port, which a real modem also keeps per port (V.250 echo and +CMEE per
/// interface; URC enables per port on Qualcomm-based firmware): the shared modem state is in
/// <see cref="Modem.SimulatedModem"/>, this is what ATZ resets.
/// </summary>
public sealed class AtSession
{
    /// <summary>ATE: echo the command line (on by default, V.250 §6.2.4).</summary>
    public bool Echo { get; set; } = true;

    /// <summary>+CMEE (TS 27.007 §9.1): 0 plain ERROR, 1 numeric, 2 verbose.</summary>
    public int ErrorMode { get; set; }

    /// <summary>&lt;n&gt; of +CREG, +CGREG and +CEREG, by command name: 0 no URC, 1 status, 2 status and location.</summary>
    public Dictionary<string, int> RegistrationReporting { get; } = new(StringComparer.Ordinal)
    {
        ["+CREG"] = 0,
        ["+CGREG"] = 0,
        ["+CEREG"] = 0,
    };

    /// <summary>The status each registration URC last reported, so a URC goes out only when it changes.</summary>
    public Dictionary<string, int> LastReportedStatus { get; } = new(StringComparer.Ordinal);

    /// <summary>+COPS &lt;format&gt; (0 long name, 1 short, 2 numeric), set with AT+COPS=3,&lt;format&gt;.</summary>
    public int OperatorFormat { get; set; }

    /// <summary>SIMCom AT+AUTOCSQ=1,1: "+CSQ: &lt;rssi&gt;,&lt;ber&gt;" whenever the signal changes.</summary>
    public bool SignalReporting { get; set; }

    /// <summary>The +CSQ value last reported by the URC.</summary>
    public (int Rssi, int Ber)? LastReportedSignal { get; set; }

    /// <summary>ATZ / AT&amp;F: factory settings for this port.</summary>
    public void Restore()
    {
        Echo = true;
        ErrorMode = 0;
        foreach (var name in RegistrationReporting.Keys.ToArray())
        {
            RegistrationReporting[name] = 0;
        }
        LastReportedStatus.Clear();
        OperatorFormat = 0;
        SignalReporting = false;
        LastReportedSignal = null;
    }
}
