using System.Globalization;
using System.Text.RegularExpressions;

namespace WwanDaemon.Composition.Diagnosis;

/// <summary>A kernel driver's message about one USB interface, as found in pasted logs.</summary>
public sealed record KernelLogEvent(int Line, double? Seconds, string Driver, string BusPath, int Configuration, int Interface, string What);

/// <summary>
/// Reads the kernel log lines people paste next to their dumps (seeds 001, 002, 004): which driver
/// took which interface ("cdc_mbim 1-7:2.12: ..."), network devices registered and unregistered, and
/// failed probes ("qmi_wwan: probe of 2-6:1.4 failed with error -22").
/// </summary>
public static partial class KernelLogEvidence
{
    [GeneratedRegex(@"(?:\[\s*(?<t>\d+\.\d+)\]\s*)?(?:kernel:\s*)?(?:\[\s*(?<t2>\d+\.\d+)\]\s*)?(?<driver>qmi_wwan|cdc_mbim|cdc_ether|cdc_ncm|rndis_host|qcserial|option|cdc_acm|cdc_wdm|sierra|huawei_cdc_ncm) (?<bus>\d+-[\d.]+):(?<cfg>\d+)\.(?<if>\d+)(?::| )\s*(?<what>.*)$")]
    private static partial Regex DriverLine();

    [GeneratedRegex(@"(?:\[\s*(?<t>\d+\.\d+)\]\s*)?(?<driver>\w+): probe of (?<bus>\d+-[\d.]+):(?<cfg>\d+)\.(?<if>\d+) failed with error (?<error>-?\d+)")]
    private static partial Regex ProbeFailure();

    public static IReadOnlyList<KernelLogEvent> Read(string text)
    {
        var events = new List<KernelLogEvent>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            var found = ProbeFailure().Match(line) is { Success: true } failure
                ? Event(number, failure, "probe failed with error " + failure.Groups["error"].Value)
                : DriverLine().Match(line) is { Success: true } driver ? Event(number, driver, driver.Groups["what"].Value.Trim()) : null;
            if (found is not null)
            {
                events.Add(found);
            }
        }
        return events;
    }

    /// <summary>Plain-language findings from the events for the device at a bus path (or any, when unknown).</summary>
    public static IReadOnlyList<string> Findings(IReadOnlyList<KernelLogEvent> events, int? qmiInterface)
    {
        var findings = new List<string>();
        foreach (var unregister in events.Where(e => e.What.StartsWith("unregister", StringComparison.Ordinal)))
        {
            var register = events.LastOrDefault(e => e.Line < unregister.Line && e.Driver == unregister.Driver && e.BusPath == unregister.BusPath
                && e.Interface == unregister.Interface && e.What.StartsWith("register", StringComparison.Ordinal));
            if (register is not null)
            {
                var gap = register.Seconds is { } start && unregister.Seconds is { } end ? string.Create(CultureInfo.InvariantCulture, $" {end - start:0.0} s later") : " later";
                findings.Add($"The log shows {register.Driver} registering a network device on {Name(register)} and unregistering it{gap} (lines {register.Line} and {unregister.Line}): the modem disconnected itself, i.e. it re-enumerated. That is a modem reset (firmware crash, power or a configuration/mode change), not a driver bug: wait for the device to settle, and check power and firmware if it keeps cycling.");
            }
        }
        foreach (var failure in events.Where(e => e.What.StartsWith("probe failed", StringComparison.Ordinal)))
        {
            var hint = failure.What.EndsWith("-22", StringComparison.Ordinal)
                ? $" Error -22 (EINVAL) means the interface is not what the driver expected{(failure.Driver == "qmi_wwan" && qmiInterface is { } qmi && qmi != failure.Interface ? $": QMI is on interface {qmi}, not {failure.Interface}" : "")}."
                : "";
            findings.Add($"{failure.Driver} failed to probe {Name(failure)} (line {failure.Line}).{hint}");
        }
        return findings;
    }

    /// <summary>Where the log shows a driver working on an interface of a configuration (the last such line).</summary>
    public static KernelLogEvent? LastBinding(IReadOnlyList<KernelLogEvent> events) =>
        events.LastOrDefault(e => !e.What.StartsWith("probe failed", StringComparison.Ordinal) && !e.What.StartsWith("device disconnected", StringComparison.Ordinal));

    private static string Name(KernelLogEvent e) => string.Create(CultureInfo.InvariantCulture, $"{e.BusPath}:{e.Configuration}.{e.Interface} (configuration {e.Configuration}, interface {e.Interface})");

    /// <summary>Null when a number does not fit (a garbled line is skipped, not fatal).</summary>
    private static KernelLogEvent? Event(int line, Match match, string what)
    {
        var seconds = match.Groups["t"].Success ? match.Groups["t"].Value : match.Groups["t2"].Success ? match.Groups["t2"].Value : null;
        if (!int.TryParse(match.Groups["cfg"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var configuration)
            || !int.TryParse(match.Groups["if"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var @interface)
            || configuration > 255 || @interface > 255)
        {
            return null;
        }
        return new KernelLogEvent(
            line,
            seconds is not null && double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null,
            match.Groups["driver"].Value,
            match.Groups["bus"].Value,
            configuration,
            @interface,
            NetDevicePrefix().Replace(what, ""));
    }

    /// <summary>"wwan0: register 'qmi_wwan' ..." names the network device first.</summary>
    [GeneratedRegex(@"^[\w.-]+: (?=(?:un)?register\b)")]
    private static partial Regex NetDevicePrefix();
}
