using WwanDaemon.Composition.Classification;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Usb.Model;
using WwanDaemon.Usb.Text;

namespace WwanDaemon.Composition.Diagnosis;

/// <summary>One diagnosed device: its plan and what the pasted logs add.</summary>
public sealed record DeviceDiagnosis(CompositionPlan Plan, IReadOnlyList<string> LogFindings);

/// <summary>Turns pasted text (a dump, possibly with kernel log lines and forum text) into plans.</summary>
public static class Diagnoser
{
    /// <exception cref="Usb.UsbFormatException">No dump in the text, or a malformed record (names the line).</exception>
    public static IReadOnlyList<DeviceDiagnosis> FromText(string text, string sourceName, CompositionPolicy policy, KnowledgeBase.KnowledgeBase knowledgeBase)
    {
        var events = KernelLogEvidence.Read(text);
        var devices = UsbDumpReader.Read(text, sourceName).Where(d => IsModemCandidate(d, knowledgeBase)).ToArray();
        // Log lines name bus paths; a dump without them can be tied to the log only when it holds one device.
        var single = devices.Length == 1;
        return devices.Select(device =>
        {
            var refined = single ? WithLogFacts(device, events) : device;
            var relevant = events.Where(e => refined.BusPath is null ? single : e.BusPath == refined.BusPath).ToArray();
            return Diagnose(refined, relevant, policy, knowledgeBase);
        }).ToArray();
    }

    /// <summary>Diagnoses a device read from a live tree (no log).</summary>
    public static DeviceDiagnosis Diagnose(UsbDevice device, IReadOnlyList<KernelLogEvent> events, CompositionPolicy policy, KnowledgeBase.KnowledgeBase knowledgeBase)
    {
        var plan = CompositionPlanner.Plan(device, knowledgeBase, policy);
        return new DeviceDiagnosis(plan, KernelLogEvidence.Findings(events, plan.Control.Protocol == ControlProtocol.Qmi ? plan.Control.Interface : null));
    }

    /// <summary>
    /// Only modems are planned for: a device the knowledge base names, or one with modem evidence (an
    /// MBIM function, a QMI-shaped interface, a modem driver bound), or a vendor the knowledge base
    /// knows with vendor-specific or CDC interfaces. Hubs, Bluetooth adapters, USB sticks and USB
    /// Ethernet adapters are left out.
    /// </summary>
    public static bool IsModemCandidate(UsbDevice device, KnowledgeBase.KnowledgeBase knowledgeBase)
    {
        if (device.DeviceClass.Class == UsbClassCodes.Hub)
        {
            return false;
        }
        if (knowledgeBase.Find(device.VendorId, device.ProductId, device.BcdDevice, null) is not null)
        {
            return true;
        }
        var interfaces = device.Configurations.SelectMany(c => c.Interfaces).ToArray();
        if (interfaces.Any(i => i.Class == new UsbClassTriple(UsbClassCodes.Communications, UsbClassCodes.CdcMbim, 0)
            || (i.Class == new UsbClassTriple(UsbClassCodes.VendorSpecific, 0xff, 0xff) && i.InterruptInCount > 0 && i.HasBulkPair)
            || i.Driver is "qmi_wwan" or "cdc_mbim" || (i.Driver is { } driver && KernelDrivers.IsSerialDriver(driver))))
        {
            return true;
        }
        return knowledgeBase.KnowsVendor(device.VendorId)
            && interfaces.Any(i => i.Class.Class is UsbClassCodes.VendorSpecific or UsbClassCodes.Communications);
    }

    /// <summary>
    /// lsusb -v does not say which configuration is active; a driver working on one of this
    /// device's interfaces in the log does (seed 001: "cdc_mbim 1-7:2.12").
    /// </summary>
    private static UsbDevice WithLogFacts(UsbDevice device, IReadOnlyList<KernelLogEvent> events)
    {
        if (device.ActiveConfiguration is null && KernelLogEvidence.LastBinding(events) is { } seen
            && device.Configuration(seen.Configuration) is { } configuration && configuration.InterfaceNumbers.Contains(seen.Interface)
            && (device.BusPath is null || device.BusPath == seen.BusPath))
        {
            return device with { ActiveConfiguration = seen.Configuration, BusPath = seen.BusPath };
        }
        return device;
    }
}
