using System.Globalization;
using System.Text;
using WwanDaemon.Cli.Live;
using static WwanDaemon.Cli.Live.ModemManagerNames;

namespace WwanDaemon.Cli.Formatting;

/// <summary>The human output of the live commands: short lines, mmcli's words for states.</summary>
public static class ModemTextFormatter
{
    public static string List(DaemonSnapshot snapshot)
    {
        var text = new StringBuilder();
        if (snapshot.Modems.Count == 0)
        {
            text.AppendLine("No modems.");
        }
        else
        {
            text.AppendLine("Modems:");
            foreach (var modem in snapshot.Modems)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  {modem.Index?.ToString(CultureInfo.InvariantCulture) ?? "-",3}  {modem.Name}  [{modem.StateName}]  id {modem.Id ?? "-"}  control {modem.ControlPort ?? "-"}");
            }
        }
        if (snapshot.Devices.Count > 0)
        {
            text.AppendLine("Other devices (not modems):");
            foreach (var device in snapshot.Devices)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"  {device.Id ?? "-"}  {device.UsbId}  {device.Description ?? "unnamed device"}: {device.Reason ?? "no reason given"}");
            }
        }
        return text.ToString();
    }

    public static string Status(ModemView modem)
    {
        var text = new StringBuilder();
        void Line(string label, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {label,-16}{value}");
            }
        }
        text.AppendLine(CultureInfo.InvariantCulture, $"{modem.Label}: {modem.Name}");
        Line("object:", modem.Path);
        Line("revision:", modem.Revision);
        Line("state:", modem.StateName + (modem.FailedReason is { } failed ? $" ({failed})" : ""));
        Line("state reason:", modem.StateReason);
        var tries = new List<string>();
        if (modem.PinRetries is { } pin)
        {
            tries.Add($"PIN {pin} tries left");
        }
        if (modem.PukRetries is { } puk)
        {
            tries.Add($"PUK {puk} tries left");
        }
        Line("SIM lock:", Lock(modem.UnlockRequired) + (tries.Count > 0 ? $" ({string.Join(", ", tries)})" : ""));
        Line("operator:", modem.OperatorName is null && modem.OperatorCode is null ? null
            : string.Join(" ", new[] { modem.OperatorName, modem.OperatorCode is { } code ? $"({code})" : null }.OfType<string>()));
        Line("registration:", Registration(modem.Registration));
        Line("signal:", modem.SignalPercent is { } signal ? $"{signal}%{(modem.SignalRecent ? "" : " (not recent)")}" : null);
        Line("access tech:", AccessTechnologies(modem.AccessTechnologies));
        Line("control:", modem.ControlPort is null ? null : $"{modem.ControlPort}{(modem.ControlProtocol is { } protocol ? $" ({protocol})" : "")}");
        Line("AT port:", modem.PrimaryAtPort);
        Line("ports:", string.Join(", ", modem.Ports.Select(p => $"{p.Name} ({p.Type})")));
        Line("USB config:", modem.Configuration?.ToString(CultureInfo.InvariantCulture));
        foreach (var action in modem.Actions)
        {
            Line("action:", action);
        }
        foreach (var warning in modem.Warnings)
        {
            Line("warning:", warning);
        }
        if (modem.ReconnectAttempts is > 0)
        {
            Line("reconnects:", modem.ReconnectAttempts.Value.ToString(CultureInfo.InvariantCulture));
        }
        if (modem.ConnectedBearer is { } bearer)
        {
            text.Append(Bearer(bearer, modem.IpApplied));
        }
        return text.ToString();
    }

    public static string Bearer(BearerView bearer, bool? ipApplied = null)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"  bearer:         {bearer.Path} {(bearer.Connected ? "connected" : "not connected")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  interface:      {bearer.Interface ?? "-"}{(ipApplied is null ? "" : ipApplied.Value ? " (addresses applied by wwan-daemon)" : " (addresses not applied by wwan-daemon)")}");
        if (bearer.Ipv4 is null && bearer.Ipv6 is null)
        {
            text.AppendLine("  IP:             none reported by the modem");
        }
        foreach (var (family, ip) in new[] { ("IPv4", bearer.Ipv4), ("IPv6", bearer.Ipv6) })
        {
            if (ip is null)
            {
                continue;
            }
            text.AppendLine(CultureInfo.InvariantCulture, $"  {family + " method:",-16}{ip.Method}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  {family + " address:",-16}{ip.AddressWithPrefix}");
            if (ip.Gateway is { } gateway)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {family + " gateway:",-16}{gateway}");
            }
            if (ip.Dns.Count > 0)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {family + " DNS:",-16}{string.Join(", ", ip.Dns)}");
            }
            if (ip.Mtu is { } mtu)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  {family + " MTU:",-16}{mtu}");
            }
        }
        return text.ToString();
    }

    public static string Event(WatchEvent change)
    {
        var who = (ModemView.IndexOf(change.Path) is { } index ? "modem " + index.ToString(CultureInfo.InvariantCulture) : change.Path)
            + (change.Id is null ? "" : $" ({change.Id})");
        string? Detail(string key) => change.Details.FirstOrDefault(d => d.Key == key).Value is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null;
        return change.Kind switch
        {
            "state" => $"{who}: {Detail("old")} -> {Detail("new")} ({Detail("reason")})",
            "signal" => $"{who}: signal {Detail("percent")}%",
            "added" => $"{who}: added, {Detail("name")} [{Detail("state")}]",
            "removed" => $"{who}: removed",
            "daemon" => Detail("running") == "True" ? "wwan-daemon started" : "wwan-daemon stopped",
            _ => $"{who}: {change.Kind}",
        };
    }
}
