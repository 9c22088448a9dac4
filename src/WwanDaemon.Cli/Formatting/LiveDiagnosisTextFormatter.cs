using System.Globalization;
using System.Text;
using System.Text.Json;

namespace WwanDaemon.Cli.Formatting;

/// <summary>
/// The daemon's diagnosis (the JSON of <c>wwanctl diagnose --json</c>, issue 2 item 7) for people:
/// each device, its configuration, the control and net interfaces, the steps and the warnings.
/// </summary>
public static class LiveDiagnosisTextFormatter
{
    public static string Write(JsonElement root)
    {
        var text = new StringBuilder();
        var devices = root.TryGetProperty("devices", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToArray() : [];
        if (devices.Length == 0)
        {
            text.AppendLine("wwan-daemon sees no modem to diagnose.");
        }
        foreach (var device in devices)
        {
            var product = Text(device, "product") is { Length: > 0 } name ? name : Text(device, "knownAs") ?? "unnamed device";
            text.AppendLine(CultureInfo.InvariantCulture, $"== {Text(device, "vid")}:{Text(device, "pid")} {product}{(Text(device, "busPath") is { } bus ? $" at {bus}" : "")}");
            text.AppendLine(CultureInfo.InvariantCulture, $"  configuration: {Value(device, "activeConfiguration") ?? "none"} active, {Value(device, "recommendedConfiguration") ?? "none"} best for policy {Text(device, "policy") ?? "?"}");
            if (device.TryGetProperty("control", out var control) && control.ValueKind == JsonValueKind.Object)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  control:       {Text(control, "protocol")}{(Value(control, "interface") is { } number ? $" on interface {number}" : "")}, network driver {Text(device, "netDriver") ?? "none"}");
            }
            if (device.TryGetProperty("interfaces", out var interfaces) && interfaces.ValueKind == JsonValueKind.Array)
            {
                foreach (var @interface in interfaces.EnumerateArray())
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"    {Value(@interface, "number"),2}  {Text(@interface, "role")} (wants {Text(@interface, "driver") ?? "nothing"}, bound to {Text(@interface, "boundDriver") ?? "nothing"})");
                }
            }
            var actions = device.TryGetProperty("actions", out var steps) && steps.ValueKind == JsonValueKind.Array ? steps.EnumerateArray().ToArray() : [];
            text.AppendLine(actions.Length == 0 ? "  steps:         none, it is set up as planned" : "  steps:");
            foreach (var action in actions)
            {
                // Sysfs writes have a file path; AT commands name the port they go to.
                var write = Text(action, "path") is { } path
                    ? path.StartsWith('/') ? $": echo {Text(action, "value")} > {path}" : $": send {Text(action, "value")} to {path}"
                    : "";
                text.AppendLine(CultureInfo.InvariantCulture, $"    - {Text(action, "kind")}{write}{(action.TryGetProperty("optIn", out var optIn) && optIn.ValueKind == JsonValueKind.True ? " (opt-in)" : "")}");
                if (Text(action, "reason") is { } reason)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"      because {reason}");
                }
            }
            if (device.TryGetProperty("warnings", out var warnings) && warnings.ValueKind == JsonValueKind.Array)
            {
                foreach (var warning in warnings.EnumerateArray())
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"  warning: {warning.GetString()}");
                }
            }
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? Value(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.Number or JsonValueKind.String ? value.ToString() : null;
}
