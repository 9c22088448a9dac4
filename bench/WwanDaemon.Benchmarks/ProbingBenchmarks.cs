using BenchmarkDotNet.Attributes;
using WwanDaemon.Modem.Probing;
using WwanDaemon.Modem.Tests.Simulated;

namespace WwanDaemon.Benchmarks;

/// <summary>
/// Probing issue 5's seven-port modem (tests/WwanDaemon.Modem.Tests/Simulated/SevenPortModem.cs: 3 silent
/// ttys, 1 that answers only once DTR is raised (each probe opens it as a serial port, which raises DTR; closing drops it again), 1 AT, 1 QMI under qmi_wwan, 1 MBIM under cdc_mbim) over
/// real ptys, with the default budget (3 × 300 ms per tty). Figures: docs/benchmarks.md.
/// </summary>
public class ProbingBenchmarks
{
    private SevenPortModem modem = null!;
    private PortProber prober = null!;
    private ProbePort[] answering = [];

    [GlobalSetup]
    public void Setup()
    {
        modem = new SevenPortModem();
        prober = new PortProber(modem.Opener);
        answering = modem.Ports.Where(p => p.Interface >= 3).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => modem.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Description = "probe the 7-port modem (3 silent, 1 DTR-gated, AT, QMI, MBIM)")]
    public Task<ModemProbeResult> ProbeSevenPorts() => prober.ProbeAsync(modem.Ports);

    [Benchmark(Description = "probe its 4 answering ports (DTR-gated AT, AT, QMI, MBIM)")]
    public Task<ModemProbeResult> ProbeAnsweringPorts() => prober.ProbeAsync(answering);
}

/// <summary>
/// `-- probe-once [N]`: probes the seven-port modem N times (default 5) in a fresh process and prints
/// each wall-clock time and the first and last reports: the first probe includes JIT and thread-pool
/// warm-up, which is what a daemon pays for the first modem it meets.
/// </summary>
public static class ProbeOnce
{
    public static async Task RunAsync(int times)
    {
        await using var modem = new SevenPortModem();
        var prober = new PortProber(modem.Opener);
        ModemProbeResult? first = null, last = null;
        for (var i = 0; i < times; i++)
        {
            last = await prober.ProbeAsync(modem.Ports);
            first ??= last;
            Console.WriteLine($"probe {i + 1}: {last.Elapsed.TotalMilliseconds:0} ms");
        }
        Console.WriteLine("first probe:");
        Console.Write(ModemProbeTextWriter.Write(first!));
        Console.WriteLine("last probe:");
        Console.Write(ModemProbeTextWriter.Write(last!));
    }
}
