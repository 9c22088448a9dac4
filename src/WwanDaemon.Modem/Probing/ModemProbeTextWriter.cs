using System.Globalization;
using System.Text;

namespace WwanDaemon.Modem.Probing;

/// <summary>A probe result as text for people (logs, wwanctl): each port's verdict and evidence, the ranking, the control port.</summary>
public static class ModemProbeTextWriter
{
    /// <summary>Several lines, ending with a newline.</summary>
    public static string Write(ModemProbeResult result)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"probed {result.Ports.Count} ports in {result.Elapsed.TotalMilliseconds:0} ms");
        foreach (var port in result.Ports)
        {
            text.AppendLine(invariant, $"{port.Port.Name}: {port.Protocol} ({port.Elapsed.TotalMilliseconds:0} ms): {port.Reason}");
            foreach (var evidence in port.Evidence)
            {
                text.AppendLine(invariant, $"    {evidence}");
            }
        }
        foreach (var rank in result.Ranking)
        {
            text.AppendLine(invariant, $"{rank.Rank}: {rank.Port.Name}: {rank.Evidence}");
        }
        text.AppendLine(result.Control is { } control
            ? string.Create(invariant, $"control: {control.Port.Name} ({ProbeRoute.Name(control.Protocol)}): {control.Evidence}")
            : "control: none (no port answered)");
        return text.ToString();
    }
}
