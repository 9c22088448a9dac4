using System.Globalization;
using System.Text;

namespace WwanDaemon.Composition.Planning;

/// <summary>
/// A udev rule that applies a plan when the device appears (udev(7): ATTR assignment writes sysfs,
/// RUN runs after the event; in RUN, %k is the kernel name, and $$ and %% stand for $ and %).
/// Selecting the configuration at discovery matters: seed 001's maintainer warns that a late switch
/// hits another firmware bug. Binding work is grouped per function: the interfaces of a CDC
/// function are freed first and its control interface bound last, in one RUN, triggered when the
/// wrong driver binds the function's last interface.
/// </summary>
public static class UdevRuleWriter
{
    public static string? Write(CompositionPlan plan)
    {
        var device = plan.Device;
        var actions = plan.Actions.Where(a => !a.OptIn).ToArray();
        if (actions.Length == 0)
        {
            return null;
        }
        var vid = device.VendorId.ToString("x4", CultureInfo.InvariantCulture);
        var pid = device.ProductId.ToString("x4", CultureInfo.InvariantCulture);
        var ids = $"ATTR{{idVendor}}==\"{vid}\", ATTR{{idProduct}}==\"{pid}\"";
        var parentIds = $"ATTRS{{idVendor}}==\"{vid}\", ATTRS{{idProduct}}==\"{pid}\", ATTRS{{bConfigurationValue}}==\"{plan.RecommendedConfiguration}\"";
        var rule = new StringBuilder();
        rule.Append(CultureInfo.InvariantCulture, $"# WwanDaemon plan for {CompositionPlanner.Describe(device)}, policy {PolicyName(plan.Policy)}\n");
        foreach (var set in actions.Where(a => a.Kind == PlanActionKind.SetConfiguration))
        {
            rule.Append(CultureInfo.InvariantCulture,
                $"ACTION==\"add\", SUBSYSTEM==\"usb\", ENV{{DEVTYPE}}==\"usb_device\", {ids}, ATTR{{bConfigurationValue}}!=\"{set.Value}\", ATTR{{bConfigurationValue}}=\"{set.Value}\"\n");
        }
        foreach (var newId in actions.Where(a => a.Kind == PlanActionKind.NewId))
        {
            // The driver's directory exists only once its module is loaded, and nothing loads a
            // module whose table does not name the device.
            rule.Append(CultureInfo.InvariantCulture,
                $"ACTION==\"add\", SUBSYSTEM==\"usb\", ENV{{DEVTYPE}}==\"usb_device\", {ids}, RUN+=\"/sbin/modprobe -b {newId.Driver}\", RUN+=\"/bin/sh -c 'echo {newId.Value} > {newId.Path}'\"\n");
        }
        var functionOf = plan.Interfaces.ToDictionary(i => i.Number, i => i.Classification.FunctionControl ?? i.Number);
        var binding = actions.Where(a => a.Kind is PlanActionKind.Unbind or PlanActionKind.Bind && a.Interface is not null);
        foreach (var function in binding.GroupBy(a => functionOf.GetValueOrDefault(a.Interface!.Value, a.Interface!.Value)))
        {
            var unbinds = function.Where(a => a.Kind == PlanActionKind.Unbind).OrderBy(a => a.Interface).ToArray();
            var bind = function.FirstOrDefault(a => a.Kind == PlanActionKind.Bind);
            var trigger = unbinds.LastOrDefault();
            var triggerInterface = (trigger ?? bind)!.Interface!.Value;
            var when = trigger is not null
                ? $"ACTION==\"bind\", SUBSYSTEM==\"usb\", ENV{{DEVTYPE}}==\"usb_interface\", DRIVER==\"{trigger.Driver}\""
                : "ACTION==\"add\", SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_interface\"";
            var commands = new List<string> { "k=%k", "p=$${k%%.*}" };
            commands.AddRange(unbinds.Select(u => string.Create(CultureInfo.InvariantCulture, $"echo $$p.{u.Interface} > /sys/bus/usb/drivers/{u.Driver}/unbind")));
            if (bind is not null)
            {
                commands.Add(string.Create(CultureInfo.InvariantCulture, $"echo $$p.{bind.Interface} > /sys/bus/usb/drivers/{bind.Driver}/bind"));
            }
            rule.Append(CultureInfo.InvariantCulture,
                $"{when}, {parentIds}, ATTR{{bInterfaceNumber}}==\"{triggerInterface:x2}\", RUN+=\"/bin/sh -c '{string.Join("; ", commands)}'\"\n");
        }
        return rule.ToString();
    }

    public static string PolicyName(CompositionPolicy policy) => policy switch
    {
        CompositionPolicy.PreferQmi => "prefer-qmi",
        CompositionPolicy.Keep => "keep",
        _ => "prefer-mbim",
    };
}
