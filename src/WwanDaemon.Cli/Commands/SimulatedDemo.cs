using WwanDaemon.Composition.Diagnosis;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Linux.Sysfs;
using WwanDaemon.Simulator.Sysfs;
using WwanDaemon.Usb.Text;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Cli.Commands;

/// <summary>
/// The demo needs no hardware: seed 004's HP lt4112 (three configurations, the kernel's ECM choice
/// active, qcserial on the CDC interfaces) is laid out as a fake sysfs tree in a temporary folder and
/// read back through the same sysfs reader a live /sys goes through.
/// </summary>
public static class SimulatedDemo
{
    public const string Sample = "seed-004";
    public const string BusPath = "2-6";

    public static IReadOnlyList<DeviceDiagnosis> Run(CompositionPolicy policy, KnowledgeBaseData knowledgeBase)
    {
        var (name, text) = Samples.Find(Sample) ?? throw new InvalidOperationException($"the built-in sample {Sample} is missing from wwanctl");
        var device = UsbDumpReader.Read(text, "sample " + name).Single();
        var root = Path.Combine(Path.GetTempPath(), "wwanctl-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            new FakeSysfsTree(root).AddDevice(device, BusPath);
            return new SysfsUsbReader(root).ReadAll()
                .Select(read => Diagnoser.Diagnose(read, [], policy, knowledgeBase))
                .ToArray();
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
