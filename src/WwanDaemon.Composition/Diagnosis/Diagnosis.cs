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
        var devices = UsbDumpReader.Read(text, sourceName).Where(IsModemCandidate).ToArray();
        return devices.Select(device => Diagnose(WithLogFacts(device, events), events, policy, knowledgeBase)).ToArray();
    }

    /// <summary>Diagnoses a device read from a live tree (no log).</summary>
    public static DeviceDiagnosis Diagnose(UsbDevice device, IReadOnlyList<KernelLogEvent> events, CompositionPolicy policy, KnowledgeBase.KnowledgeBase knowledgeBase)
    {
        var plan = CompositionPlanner.Plan(device, knowledgeBase, policy);
        var relevant = events.Where(e => device.BusPath is null || e.BusPath == device.BusPath).ToArray();
        return new DeviceDiagnosis(plan, KernelLogEvidence.Findings(relevant, plan.Control.Protocol == ControlProtocol.Qmi ? plan.Control.Interface : null));
    }

    /// <summary>Hubs, keyboards and the like are left out: a modem has a vendor, CDC or storage interface.</summary>
    public static bool IsModemCandidate(UsbDevice device) =>
        device.DeviceClass.Class != 0x09
        && (device.Configurations.Count == 0 || device.Configurations.SelectMany(c => c.Interfaces).Any(i =>
            i.Class.Class is UsbClassCodes.VendorSpecific or UsbClassCodes.Communications or UsbClassCodes.CdcData or UsbClassCodes.WirelessController or UsbClassCodes.MassStorage or UsbClassCodes.Miscellaneous));

    /// <summary>lsusb -v does not say which configuration is active; a driver bound in the log does.</summary>
    private static UsbDevice WithLogFacts(UsbDevice device, IReadOnlyList<KernelLogEvent> events)
    {
        if (device.ActiveConfiguration is null && KernelLogEvidence.ActiveConfiguration(events) is { } seen && device.Configuration(seen.Configuration) is not null)
        {
            return device with { ActiveConfiguration = seen.Configuration, BusPath = device.BusPath ?? seen.BusPath };
        }
        return device;
    }
}
