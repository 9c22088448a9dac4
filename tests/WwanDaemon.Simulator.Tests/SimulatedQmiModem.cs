using System.Diagnostics;
using WwanDaemon.Linux.Terminals;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Qmi;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// A simulated QMI modem served on a real pseudo-terminal behind a symlink, as wwan-sim serves it,
/// but in this process so tests can compare what qmicli prints with the modem's state.
/// </summary>
internal sealed class SimulatedQmiModem : IAsyncDisposable
{
    private readonly PseudoTerminal terminal;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private readonly string directory;

    public SimulatedQmiModem(string profile = "default")
    {
        Modem = new SimulatedModem(Profiles.Get(profile));
        Port = new SimulatedQmiPort(Modem);
        terminal = PseudoTerminal.Open();
        directory = Path.Combine(Path.GetTempPath(), "qmi-sim-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        Link = Path.Combine(directory, "cdc-wdm-sim");
        File.CreateSymbolicLink(Link, terminal.SlavePath);
        serving = Task.Run(() => Port.ServeAsync(terminal.Master, stop.Token));
    }

    public SimulatedModem Modem { get; }

    public SimulatedQmiPort Port { get; }

    public string Link { get; }

    /// <summary>Runs the real qmicli against the link; returns its exit code and standard output.</summary>
    public async Task<(int Exit, string Output)> QmicliAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("qmicli") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-d");
        start.ArgumentList.Add(Link);
        start.ArgumentList.Add("--device-open-qmi");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("qmicli did not start (is libqmi-utils installed? .ci/run installs it)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
            // stopping is how serving ends
        }
        terminal.Dispose();
        Port.Dispose();
        stop.Dispose();
        Directory.Delete(directory, recursive: true);
    }
}
