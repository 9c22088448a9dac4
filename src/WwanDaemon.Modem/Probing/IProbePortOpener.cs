namespace WwanDaemon.Modem.Probing;

/// <summary>What raising DTR actually did.</summary>
public enum DtrResult
{
    /// <summary>The line was raised (TIOCMBIS on a real tty).</summary>
    Applied,

    /// <summary>The port has no modem-control lines and a stand-in signalled it (a pty's line-speed convention); nothing physical changed.</summary>
    Emulated,

    /// <summary>Nothing was changed; <see cref="DtrOutcome.Detail"/> says why.</summary>
    NotSupported,
}

/// <summary>The outcome of raising DTR, with the detail that goes into the evidence.</summary>
/// <param name="Result">What happened.</param>
/// <param name="Detail">Why, for a person (e.g. "TIOCMBIS", or why it is not supported here).</param>
public sealed record DtrOutcome(DtrResult Result, string Detail)
{
    /// <summary>Whether the modem can have seen DTR go up.</summary>
    public bool Raised => Result is DtrResult.Applied or DtrResult.Emulated;
}

/// <summary>An open port under probe: its byte stream and its modem-control lines.</summary>
public interface IProbeConnection : IAsyncDisposable
{
    /// <summary>Reads and writes the port. Owned by the connection.</summary>
    Stream Stream { get; }

    /// <summary>How the port was opened, for the evidence ("serial port, raw 8N1 at 115200 baud, exclusive; open raised DTR").</summary>
    string Description { get; }

    /// <summary>Raises DTR. Never pretends: a port without the means says <see cref="DtrResult.NotSupported"/>.</summary>
    /// <exception cref="IOException">The port failed (e.g. unplugged) while setting the line.</exception>
    DtrOutcome RaiseDataTerminalReady();
}

/// <summary>Opens ports for the prober (the Linux implementation, or a test's).</summary>
public interface IProbePortOpener
{
    /// <summary>Opens <paramref name="port"/> for reading and writing.</summary>
    /// <exception cref="IOException">The node is missing, busy or refused; the message names it.</exception>
    ValueTask<IProbeConnection> OpenAsync(ProbePort port, CancellationToken cancellationToken);
}
