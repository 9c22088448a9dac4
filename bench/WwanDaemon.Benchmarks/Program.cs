using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using WwanDaemon.Composition.Diagnosis;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Usb.Model;
using WwanDaemon.Usb.Text;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

if (args.Length > 0 && args[0] == "probe-once")
{
    await WwanDaemon.Benchmarks.ProbeOnce.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}
if (args.Length > 0 && args[0] == "plug-to-connected")
{
    await WwanDaemon.Benchmarks.PlugToConnected.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(WwanDaemon.Benchmarks.CompositionBenchmarks).Assembly).Run(args);

namespace WwanDaemon.Benchmarks
{

/// <summary>
/// What a plug-in event costs before any protocol runs: reading a dump or descriptors, loading the
/// knowledge base (once per process) and planning. Figures: docs/benchmarks.md.
/// </summary>
[MemoryDiagnoser]
public class CompositionBenchmarks
{
    private string debugfs = "";
    private string lsusb = "";
    private UsbDevice lt4112 = null!;
    private (string Name, string Json)[] knowledgeFiles = [];

    [GlobalSetup]
    public void Setup()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
        debugfs = File.ReadAllText(Directory.GetFiles(Path.Combine(fixtures, "seeds"), "seed-004*.txt").Single());
        lsusb = File.ReadAllText(Path.Combine(fixtures, "formats", "sim7600-9011.lsusb.txt"));
        lt4112 = UsbDumpReader.Read(debugfs, "seed-004").Single();
        var assembly = typeof(KnowledgeBaseData).Assembly;
        knowledgeFiles = new[] { "generated.json", "curated.json" }.Select(name =>
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream("KnowledgeBase/" + name)!);
            return (name, reader.ReadToEnd());
        }).ToArray();
        _ = KnowledgeBaseData.Embedded;
    }

    [Benchmark(Description = "read debugfs dump (3 configurations)")]
    public IReadOnlyList<UsbDevice> ReadDebugfs() => UsbDumpReader.Read(debugfs, "seed-004");

    [Benchmark(Description = "read lsusb -v dump (7 interfaces)")]
    public IReadOnlyList<UsbDevice> ReadLsusb() => UsbDumpReader.Read(lsusb, "lsusb");

    [Benchmark(Description = "load knowledge base (1,928 + 22 entries)")]
    public KnowledgeBaseData LoadKnowledgeBase() => KnowledgeBaseData.Load(knowledgeFiles);

    [Benchmark(Description = "plan HP lt4112, prefer-mbim")]
    public CompositionPlan Plan() => CompositionPlanner.Plan(lt4112, KnowledgeBaseData.Embedded, CompositionPolicy.PreferMbim);

    [Benchmark(Description = "diagnose pasted text end to end")]
    public IReadOnlyList<DeviceDiagnosis> Diagnose() => Diagnoser.FromText(debugfs, "seed-004", CompositionPolicy.PreferMbim, KnowledgeBaseData.Embedded);
}
}
