using System.Globalization;

namespace WwanDaemon.Simulator.At;

public sealed partial class SimulatedAtPort
{
    /// <summary>
    /// URCs for a model change: the vendor's (the table's, e.g. Huawei ^NDISSTAT when a call ended), then, per this port's enables, +CREG/+CGREG/+CEREG when the registration
    /// status changed (TS 27.007 §7.2: "when there is a change in the MT's circuit mode network
    /// registration status"), and SIMCom's AT+AUTOCSQ=1,1 report "+CSQ: &lt;rssi&gt;,&lt;ber&gt;" when
    /// the +CSQ value changed (SIM7500/SIM7600 Series AT Command Manual §4.9, AT+AUTOCSQ). Runs on the
    /// thread that changed the model; the writer sends the lines from its own loop.
    /// </summary>
    private void QueueUnsolicited(AtPortWriter writer, string what)
    {
        foreach (var line in commands.UnsolicitedFor(Modem, what))
        {
            writer.QueueUnsolicited(line);
        }
        if (what is not ("registration" or "signal" or "reset"))
        {
            return;
        }
        lock (sessionGate)
        {
            foreach (var (name, mode) in Session.RegistrationReporting)
            {
                var status = AtRegistration.Status(Modem);
                if (mode == 0 || Session.LastReportedStatus.GetValueOrDefault(name, -1) == status)
                {
                    continue;
                }
                Session.LastReportedStatus[name] = status;
                writer.QueueUnsolicited(AtRegistration.UnsolicitedLine(name, mode, Modem));
            }
            if (Session.SignalReporting && AtNetworkCommands.Csq(Modem) is var csq && csq != Session.LastReportedSignal)
            {
                Session.LastReportedSignal = csq;
                writer.QueueUnsolicited(string.Create(CultureInfo.InvariantCulture, $"+CSQ: {csq.Rssi},{csq.Ber}"));
            }
        }
    }
}
