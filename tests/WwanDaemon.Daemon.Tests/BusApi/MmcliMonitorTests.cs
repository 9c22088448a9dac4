using System.Diagnostics;

namespace WwanDaemon.Daemon.Tests.BusApi;

/// <summary>`mmcli -M` sees the simulated modem leave on unplug (kill -USR1) and come back on plug (kill -USR2).</summary>
public sealed class MmcliMonitorTests(DefaultScenarioDaemon daemon) : IClassFixture<DefaultScenarioDaemon>
{
    [Fact]
    public async Task MonitorModems_SeesUnplugAndPlug()
    {
        var start = new ProcessStartInfo("mmcli", ["-M"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DBUS_SYSTEM_BUS_ADDRESS"] = daemon.Address;
        using var monitor = Process.Start(start)!;
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        monitor.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue(e.Data);
            }
        };
        monitor.BeginOutputReadLine();
        try
        {
            await WaitForLineAsync(lines, "/org/freedesktop/ModemManager1/Modem/0");

            await daemon.SignalAsync("USR1");
            await WaitForLineAsync(lines, "(-) /org/freedesktop/ModemManager1/Modem/0");

            await daemon.SignalAsync("USR2");
            await WaitForLineAsync(lines, "(+) /org/freedesktop/ModemManager1/Modem/1");
        }
        finally
        {
            monitor.Kill();
        }
    }

    private static async Task WaitForLineAsync(System.Collections.Concurrent.ConcurrentQueue<string> lines, string text)
    {
        var deadline = DateTime.UtcNow + SimulatedDaemonOnBus.Patience;
        while (!lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"mmcli -M printed no line with '{text}'; it printed:\n{string.Join('\n', lines)}");
            await Task.Delay(100);
        }
    }
}
