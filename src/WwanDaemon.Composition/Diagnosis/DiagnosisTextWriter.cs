using System.Globalization;
using System.Text;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Composition.Planning;

namespace WwanDaemon.Composition.Diagnosis;

/// <summary>The plain-language explanation: what the device is, what is wrong, what to do and why.</summary>
public static class DiagnosisTextWriter
{
    public static string Write(IReadOnlyList<DeviceDiagnosis> diagnoses)
    {
        var text = new StringBuilder();
        if (diagnoses.Count == 0)
        {
            text.AppendLine("No modem found in the input: it holds only hubs or devices without modem interfaces.");
        }
        foreach (var diagnosis in diagnoses)
        {
            WriteDevice(text, diagnosis);
        }
        return text.ToString();
    }

    private static void WriteDevice(StringBuilder text, DeviceDiagnosis diagnosis)
    {
        var plan = diagnosis.Plan;
        var device = plan.Device;
        text.AppendLine(CultureInfo.InvariantCulture, $"== {CompositionPlanner.Describe(device)}{(plan.Knowledge?.Name is { } name ? " — " + name : "")}");
        text.AppendLine();
        text.AppendLine("What it is");
        var configurations = device.Configurations.Count == 1 ? "one USB configuration" : $"{device.Configurations.Count} USB configurations (ways to present itself)";
        var what = plan.Knowledge is null ? "A USB device that looks like a modem (the knowledge base does not name it)" : "A cellular modem";
        text.AppendLine(CultureInfo.InvariantCulture, $"  {what} with {configurations}{(device.ActiveConfiguration is { } active ? $"; configuration {active} is active" : "")}.");
        foreach (var configuration in plan.Configurations)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Configuration {configuration.Value}: {Offer(configuration.Control, configuration.NetDriver)}.");
        }
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Best configuration for policy {UdevRuleWriter.PolicyName(plan.Policy)}: {plan.RecommendedConfiguration?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  Control: {Offer(plan.Control, plan.NetDriver)}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"  AT command ports (best first): {(plan.AtInterfaces.Count == 0 ? "none" : string.Join(", ", plan.AtInterfaces.Select(n => "interface " + n)))}.");
        text.AppendLine("  Interfaces:");
        foreach (var @interface in plan.Interfaces)
        {
            var driver = @interface.Driver is null ? "leave alone" : "wants " + @interface.Driver;
            var bound = device.DriversKnown && device.ActiveConfiguration == plan.RecommendedConfiguration ? $", bound to {@interface.BoundDriver ?? "nothing"}" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"    {@interface.Number,2}  {@interface.Role.Describe()} ({driver}{bound})");
            text.AppendLine(CultureInfo.InvariantCulture, $"        because {@interface.Classification.Reason}");
        }
        var problems = plan.Warnings.Concat(diagnosis.LogFindings).ToArray();
        var steps = plan.Actions.Where(a => !a.OptIn).ToArray();
        text.AppendLine();
        text.AppendLine("What is wrong");
        if (problems.Length == 0)
        {
            text.AppendLine(steps.Length == 0 ? "  Nothing found." : "  The configuration or driver binding differs from the plan; each step below says why.");
        }
        foreach (var problem in problems)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - {problem}");
        }
        text.AppendLine();
        text.AppendLine("What to do");
        if (steps.Length == 0)
        {
            text.AppendLine("  Nothing: the configuration and drivers are already right.");
        }
        var index = 1;
        foreach (var step in steps)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {index++}. echo '{step.Value}' | sudo tee {step.Path}");
            text.AppendLine(CultureInfo.InvariantCulture, $"     why: {step.Reason}");
        }
        foreach (var optIn in plan.Actions.Where(a => a.OptIn))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Optional: send {optIn.Value} on {optIn.Path}");
            text.AppendLine(CultureInfo.InvariantCulture, $"     why: {optIn.Reason}");
        }
        if (plan.UdevRule is { } rule)
        {
            text.AppendLine();
            text.AppendLine("To apply this at every plug-in, save as /etc/udev/rules.d/77-wwan-daemon.rules:");
            foreach (var line in rule.TrimEnd('\n').Split('\n'))
            {
                text.AppendLine("  " + line);
            }
        }
        text.AppendLine();
    }

    private static string Offer(ControlPort control, string netDriver) => control.Protocol switch
    {
        ControlProtocol.Qmi => $"QMI on interface {control.Interface}, network via {netDriver}",
        ControlProtocol.Mbim => $"MBIM on interface {control.Interface}, network via {netDriver}",
        _ => netDriver == "none" ? "serial ports only (AT commands, PPP)" : $"no QMI/MBIM control; network via {netDriver}, modem driven by AT commands",
    };
}
