using System.Collections.Concurrent;
using WwanDaemon.Modem.Probing;

namespace WwanDaemon.Modem.Tests.Simulated;

/// <summary>
/// A real opener (<see cref="CharacterDevicePortOpener"/> unless another is given) on ptys behind
/// symlinks, recording which ports were opened and closed, and wiring DTR to <see cref="SimulatedDtrLine"/>s
/// for the ports that have one.
/// </summary>
public sealed class TestPortOpener(IProbePortOpener? inner = null) : IProbePortOpener
{
    private readonly IProbePortOpener inner = inner ?? new CharacterDevicePortOpener();
    private readonly ConcurrentDictionary<string, SimulatedDtrLine> dtrLines = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> opened = new();
    private int open;

    /// <summary>Paths opened, in order.</summary>
    public IReadOnlyCollection<string> Opened => opened.ToArray();

    /// <summary>Connections opened and not yet disposed.</summary>
    public int StillOpen => Volatile.Read(ref open);

    /// <summary>Fires each time a port is opened.</summary>
    public event Action<string>? PortOpened;

    /// <summary>Makes DTR on <paramref name="path"/> reach <paramref name="line"/>.</summary>
    public void Wire(string path, SimulatedDtrLine line) => dtrLines[path] = line;

    public async ValueTask<IProbeConnection> OpenAsync(ProbePort port, CancellationToken cancellationToken)
    {
        var connection = await inner.OpenAsync(port, cancellationToken);
        opened.Enqueue(port.Path);
        Interlocked.Increment(ref open);
        PortOpened?.Invoke(port.Path);
        return new Connection(connection, dtrLines.GetValueOrDefault(port.Path), this);
    }

    private sealed class Connection(IProbeConnection inner, SimulatedDtrLine? line, TestPortOpener owner) : IProbeConnection
    {
        private int disposed;

        public Stream Stream => inner.Stream;

        public string Description => inner.Description + (line is null ? "" : "; DTR wired to the simulated modem in process");

        public DtrOutcome RaiseDataTerminalReady()
        {
            if (line is null)
            {
                return inner.RaiseDataTerminalReady();
            }
            line.Raise();
            return new DtrOutcome(DtrResult.Emulated, "the simulated modem's DTR input, raised in process (a pty has no modem-control lines)");
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                await inner.DisposeAsync();
                Interlocked.Decrement(ref owner.open);
            }
        }
    }
}
