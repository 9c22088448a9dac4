using System.Globalization;
using WwanDaemon.Composition.Classification;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Planning;

/// <summary>What a person should know about the device and the plan, in plain words.</summary>
internal static class PlanWarnings
{
    public static IReadOnlyList<string> For(
        UsbDevice device,
        UsbConfiguration configuration,
        ConfigurationAssessment chosen,
        IReadOnlyList<InterfacePlan> interfaces,
        DeviceKnowledge? knowledge,
        bool isActive,
        IReadOnlyList<PlanAction> actions)
    {
        var warnings = new List<string>();
        AssociationContradictions(configuration, chosen, warnings);
        if (device.ConfigurationCount > device.Configurations.Count)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"The device has {device.ConfigurationCount} configurations but the dump shows {device.Configurations.Count}; 'usb-devices' prints only the active one. Use /sys/kernel/debug/usb/devices or 'lsusb -v' to see all, as a better one may exist."));
        }
        if (device.ActiveConfiguration is null && device.Configurations.Count > 1)
        {
            warnings.Add("The dump does not say which configuration is active (lsusb -v never does); the plan sets the recommended one explicitly.");
        }
        if (knowledge is null)
        {
            warnings.Add("This device is not in the knowledge base: interface roles come from class codes, the drivers bound and endpoint shapes, and port probing must confirm them.");
            if (!isActive && device.Configurations.Count > 1)
            {
                warnings.Add($"Configuration {chosen.Value} looks better ({BindingActions.Offer(chosen)}), but for a device the knowledge base does not know the plan does not switch configurations; try 'echo {chosen.Value} | sudo tee /sys/bus/usb/devices/{device.BusPath ?? BindingActions.UnknownDevice}/bConfigurationValue' by hand.");
            }
        }
        var guessed = interfaces.Where(i => i.Classification.Evidence == RoleEvidenceKind.Heuristic && i.Driver is not null && i.Driver != i.BoundDriver).ToArray();
        if (guessed.Length > 0)
        {
            warnings.Add($"Interface{(guessed.Length > 1 ? "s" : "")} {string.Join(", ", guessed.Select(i => i.Number))} {(guessed.Length > 1 ? "are" : "is")} classified by endpoint shape only; nothing is rebound on a guess: probing the port confirms what it speaks.");
        }
        if (isActive && device.DriversKnown)
        {
            foreach (var wrong in interfaces.Where(i => i.Driver is not null && i.BoundDriver is not null && i.BoundDriver != i.Driver && i.Classification.Evidence != RoleEvidenceKind.Heuristic))
            {
                warnings.Add($"Interface {wrong.Number} carries {wrong.Role.Describe()} but {wrong.BoundDriver} owns it; {wrong.Driver} should.");
            }
        }
        if (device.BusPath is null && actions.Any(a => !a.OptIn))
        {
            warnings.Add($"The dump does not tell the device's bus path, so the steps say {BindingActions.UnknownDevice}: find it with 'grep -l {device.ProductId:x4} /sys/bus/usb/devices/*/idProduct' (the folder name, such as 1-6).");
        }
        if (isActive && device.DriversKnown && interfaces.All(i => i.BoundDriver is null) && interfaces.Any(i => i.Driver is not null))
        {
            warnings.Add($"No driver is bound to any interface. Load the modules the plan names (modprobe {string.Join(" ", interfaces.Select(i => i.Driver).OfType<string>().Distinct())}) or add their packages (on OpenWrt: kmod-usb-net-qmi-wwan, kmod-usb-net-cdc-mbim, kmod-usb-net-rndis, kmod-usb-serial-option).");
        }
        if (chosen.Control.Protocol == ControlProtocol.None)
        {
            var switches = actions.Where(a => a.Kind == PlanActionKind.AtModeSwitch).Select(a => a.Value).ToArray();
            warnings.Add((chosen.NetDriver == "none"
                    ? "This configuration has no QMI, MBIM or network function: only serial ports (AT commands and PPP)."
                    : $"This configuration has no QMI or MBIM control port: data goes through {chosen.NetDriver} and the modem is driven with AT commands.")
                + (switches.Length > 0 ? $" The vendor's command {string.Join(" or ", switches)} switches it to a QMI or MBIM composition (opt-in; it persists in the modem)." : ""));
        }
        if (interfaces.All(i => i.Role is InterfaceRole.Storage or InterfaceRole.Unknown) && interfaces.Any(i => i.Role == InterfaceRole.Storage))
        {
            warnings.Add("The device is in its storage (driver CD) mode, not a modem mode: usb_modeswitch (Debian's usb-modeswitch package) switches it.");
        }
        if (interfaces.Any(i => i.Role == InterfaceRole.FirmwareDownload) && interfaces.Count == 1)
        {
            warnings.Add("The device is in a firmware download mode (Qualcomm QDL/EDL): it needs reflashing or a power cycle, not a driver.");
        }
        var dynamic = knowledge?.HasQuirk("dynamic-interfaces") == true;
        foreach (var quirk in (knowledge?.Quirks ?? []).Where(q => !(dynamic && q.Interfaces is { Count: > 0 })))
        {
            if (QuirkWarning(quirk, chosen) is { } text)
            {
                warnings.Add(text);
            }
        }
        return warnings;
    }

    private static void AssociationContradictions(UsbConfiguration configuration, ConfigurationAssessment chosen, List<string> warnings)
    {
        foreach (var association in configuration.Associations)
        {
            var first = chosen.Interfaces.FirstOrDefault(i => i.Number == association.FirstInterface);
            var claimed = ClassCodeRules.ClaimedByAssociation(association.Function);
            if (first is null || claimed is null || ClassCodeRules.DataRoleFor(claimed.Value) is null || first.Role == claimed)
            {
                continue;
            }
            var last = association.FirstInterface + association.InterfaceCount - 1;
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"Interfaces {association.FirstInterface}-{last} are {Article(first.Role)} {ClassCodeRules.Name(first.Role)} function (interface {first.Number} is {first.Descriptor.Class}) although their interface association descriptor claims {ClassCodeRules.Name(claimed.Value)} ({association.Function}). Trust the interfaces: {KernelDrivers.ClassDriver(first.Descriptor.Class) ?? "its driver"} drives it; {KernelDrivers.ClassDriver(association.Function) ?? "the claimed class's driver"} cannot."));
        }
    }

    private static string Article(InterfaceRole role) => ClassCodeRules.Name(role).StartsWith('R') || ClassCodeRules.Name(role).StartsWith('M') ? "an" : "a";

    private static string? QuirkWarning(QuirkEntry quirk, ConfigurationAssessment chosen)
    {
        var on = quirk.Interfaces is { Count: > 0 } list ? $" on interface{(list.Count > 1 ? "s" : "")} {string.Join(", ", list)}" : "";
        return quirk.Name switch
        {
            "first-protocol-wins" =>
                $"Firmware bug: this modem answers whichever of QMI and MBIM it hears first and then ignores the other until reset. {(chosen.Control.Protocol == ControlProtocol.Mbim ? "While cdc_mbim owns it, speak only MBIM (mbimcli, never qmicli)." : chosen.Control.Protocol == ControlProtocol.Qmi ? "While qmi_wwan owns it, speak only QMI (qmicli, never mbimcli)." : "Probe only the protocol its driver implies.")} Select the configuration at discovery (udev rule below), not later.",
            "fcc-unlock-qmi-over-mbim" =>
                $"FCC lock: the radio stays off until a QMI DMS Set FCC Authentication message is sent{(chosen.Control.Protocol == ControlProtocol.Mbim ? " through MBIM's QMI service (UUID d1a30bc2-f97a-6e43-bf65-c7e24fb0f0d3)" : "")}{(quirk.Method is null ? "" : $" ({quirk.Method})")}.",
            "fcc-unlock" => $"FCC lock: the radio stays off until it is unlocked{(quirk.Method is null ? "" : $" ({quirk.Method})")}.",
            "re-enumerates" =>
                "This modem is known to re-enumerate (disconnect and come back) during start-up: a driver that registers and unregisters seconds later means the device reset itself: wait for it to settle instead of treating it as gone, and suspect power or firmware if it keeps cycling.",
            "switch-at-discovery" =>
                "Select this modem's configuration when it appears (the udev rule below does), before drivers probe it: its maintainers report that a later switch may leave the firmware in a broken mode.",
            "qcserial-claims-cdc" =>
                $"qcserial's id table claims this device's CDC interfaces{on}, stealing them from the network driver; the plan unbinds it.",
            "needs-dtr" => $"The port{on} answers only with DTR raised{(on.Length == 0 ? " (the knowledge base does not say which port)" : "")}: open it with DTR raised.",
            "raw-ip-only" => "The modem supports only raw-IP framing on its QMI network interface (qmi_wwan raw_ip must be set).",
            _ => null,
        };
    }
}
