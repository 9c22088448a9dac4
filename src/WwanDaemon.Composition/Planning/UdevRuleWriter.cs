using System.Globalization;
using System.Text;

namespace WwanDaemon.Composition.Planning;

/// <summary>
/// A udev rule that applies a plan when the device appears (udev(7): ATTR assignment writes sysfs,
/// RUN runs after the event). Selecting the configuration at discovery matters: seed 001's
/// maintainer warns that a late switch hits another firmware bug.
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
        var parentIds = $"ATTRS{{idVendor}}==\"{vid}\", ATTRS{{idProduct}}==\"{pid}\"";
        var rule = new StringBuilder();
        rule.Append(CultureInfo.InvariantCulture, $"# WwanDaemon plan for {CompositionPlanner.Describe(device)}, policy {PolicyName(plan.Policy)}\n");
        foreach (var set in actions.Where(a => a.Kind == Planning.PlanActionKind.SetConfiguration))
        {
            rule.Append(CultureInfo.InvariantCulture,
                $"ACTION==\"add\", SUBSYSTEM==\"usb\", ENV{{DEVTYPE}}==\"usb_device\", {ids}, ATTR{{bConfigurationValue}}!=\"{set.Value}\", ATTR{{bConfigurationValue}}=\"{set.Value}\"\n");
        }
        foreach (var newId in actions.Where(a => a.Kind == Planning.PlanActionKind.NewId))
        {
            rule.Append(CultureInfo.InvariantCulture,
                $"ACTION==\"add\", SUBSYSTEM==\"usb\", ENV{{DEVTYPE}}==\"usb_device\", {ids}, RUN+=\"/bin/sh -c 'echo {newId.Value} > {newId.Path}'\"\n");
        }
        foreach (var group in actions.Where(a => a.Kind is Planning.PlanActionKind.Unbind or Planning.PlanActionKind.Bind && a.Interface is not null).GroupBy(a => a.Interface!.Value))
        {
            var number = group.Key.ToString("x2", CultureInfo.InvariantCulture);
            var unbind = group.FirstOrDefault(a => a.Kind == Planning.PlanActionKind.Unbind);
            var bind = group.FirstOrDefault(a => a.Kind == Planning.PlanActionKind.Bind);
            var commands = new List<string>();
            if (unbind is not null)
            {
                commands.Add($"echo %k > /sys/bus/usb/drivers/{unbind.Driver}/unbind");
            }
            if (bind is not null)
            {
                commands.Add($"echo %k > /sys/bus/usb/drivers/{bind.Driver}/bind");
            }
            var trigger = unbind is not null
                ? $"ACTION==\"bind\", SUBSYSTEM==\"usb\", ENV{{DEVTYPE}}==\"usb_interface\", DRIVER==\"{unbind.Driver}\""
                : "ACTION==\"add\", SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_interface\"";
            rule.Append(CultureInfo.InvariantCulture,
                $"{trigger}, {parentIds}, ATTRS{{bConfigurationValue}}==\"{plan.RecommendedConfiguration}\", ATTR{{bInterfaceNumber}}==\"{number}\", RUN+=\"/bin/sh -c '{string.Join("; ", commands)}'\"\n");
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
