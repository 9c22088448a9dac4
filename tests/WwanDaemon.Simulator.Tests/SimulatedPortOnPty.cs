using System.Diagnostics;
using WwanDaemon.Linux.Terminals;
using WwanDaemon.Simulator.Ports;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// Any simulated port served on a real pseudo-terminal behind a symlink, as wwan-sim serves it, but
/// in this process so tests can compare what the reference tools print with the modem's state. The
/// pseudo-terminal's slave stays open (in <see cref="PseudoTerminal"/>) between tool runs, which is
/// what lets mbimcli and qmicli open the link one after another.
/// </summary>
internal sealed class SimulatedPortOnPty : IAsyncDisposable
{
    private readonly PseudoTerminal terminal;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private readonly string directory;

    public SimulatedPortOnPty(ISimulatedPort port)
    {
        terminal = PseudoTerminal.Open();
        directory = Path.Combine(Path.GetTempPath(), "sim-port-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        Link = Path.Combine(directory, "cdc-wdm-sim");
        File.CreateSymbolicLink(Link, terminal.SlavePath);
        serving = Task.Run(() => port.ServeAsync(terminal.Master, stop.Token));
    }

    /// <summary>The symlink to the slave, like /dev/cdc-wdm0.</summary>
    public string Link { get; }

    /// <summary>The pseudo-terminal, e.g. for <see cref="PseudoTerminal.HostRaisedDtr"/> (the host's DTR by the pty convention).</summary>
    public PseudoTerminal Terminal => terminal;

    /// <summary>Whether the port's serving loop has ended (it must not while a test runs).</summary>
    public bool Stopped => serving.IsCompleted;

    /// <summary>Runs <paramref name="tool"/> with <c>-d LINK</c> and the arguments; returns its exit code and everything it printed.</summary>
    public async Task<(int Exit, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-d");
        start.ArgumentList.Add(Link);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{tool} did not start (libmbim-utils and libqmi-utils are installed by .ci/run)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish in 40 s:\n{await output}{await error}");
        }
        return (process.ExitCode, await output + await error);
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await serving; // a serving loop that died of anything but the stop fails the test here
        }
        catch (OperationCanceledException)
        {
            // stopping is how serving ends
        }
        finally
        {
            // ...but never leaks the pty or the link directory
            terminal.Dispose();
            stop.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }
}
