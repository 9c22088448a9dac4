using WwanDaemon.Linux.Terminals;
using WwanDaemon.Simulator.Ports;

namespace WwanDaemon.Simulator.Machine;

/// <summary>
/// A device node of the machine: a pseudo-terminal whose master side a simulated port serves and
/// whose slave is what DEVROOT/NAME links to, as <c>wwan-sim port</c> serves one. Stopping it removes
/// the link and closes the master, so a host holding the node open sees the hang-up (EIO or end of
/// file), as it does when a USB modem goes away.
/// </summary>
internal sealed class ServedNode : IAsyncDisposable
{
    private readonly PseudoTerminal terminal;
    private readonly ISimulatedPort port;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private bool stopped;

    private ServedNode(string link, PseudoTerminal terminal, ISimulatedPort port)
    {
        Link = link;
        this.terminal = terminal;
        this.port = port;
        if (port is IDtrGatedPort gated)
        {
            // The pty DTR convention of WwanDaemon.Linux: the host's output speed B0 means DTR low.
            gated.DtrRaised = () => terminal.HostRaisedDtr;
        }
        serving = Task.Run(() => port.ServeAsync(terminal.Master, stop.Token));
    }

    /// <summary>DEVROOT/NAME.</summary>
    public string Link { get; }

    /// <summary>The pty slave the link points to.</summary>
    public string SlavePath => terminal.SlavePath;

    /// <summary>Opens a pty, links <paramref name="link"/> to its slave and starts serving <paramref name="port"/> on it.</summary>
    /// <exception cref="IOException">No pty could be allocated, or the link could not be written.</exception>
    public static ServedNode Start(string link, ISimulatedPort port)
    {
        var terminal = PseudoTerminal.Open();
        try
        {
            MachineSysfs.Unlink(link);
            File.CreateSymbolicLink(link, terminal.SlavePath);
            return new ServedNode(link, terminal, port);
        }
        catch
        {
            terminal.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Stops serving, removes the link and closes the pty. Returns the port's failure if it ended with
    /// one other than being stopped or losing its host (a simulator bug the machine reports), else null.
    /// </summary>
    public async Task<Exception?> StopAsync()
    {
        if (stopped)
        {
            return null;
        }
        stopped = true;
        await stop.CancelAsync().ConfigureAwait(false);
        Exception? failure = null;
        try
        {
            await serving.ConfigureAwait(false);
        }
        catch (Exception ended) when (ended is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // stopped, or the host side went away first: how a removed node's port ends
        }
        catch (Exception other)
        {
            failure = new InvalidOperationException($"the simulated port behind {Link} failed: {other.Message}", other);
        }
        MachineSysfs.Unlink(Link);
        terminal.Dispose();
        (port as IDisposable)?.Dispose();
        stop.Dispose();
        return failure;
    }

    /// <summary>Stops the node; a port failure is thrown.</summary>
    public async ValueTask DisposeAsync()
    {
        if (await StopAsync().ConfigureAwait(false) is { } failure)
        {
            throw failure;
        }
    }
}
