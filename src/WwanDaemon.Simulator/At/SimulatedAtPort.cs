using System.Text;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Ports;

namespace WwanDaemon.Simulator.At;

/// <summary>
/// The device side of an AT port (a SIMCom/Quectel-style ttyUSBn): it assembles command lines from
/// what the host writes, echoes them (ATE1, the default), answers each from the shared
/// <see cref="SimulatedModem"/> through the profile's <see cref="AtCommandTable"/>, and sends URCs
/// (+CREG/+CGREG/+CEREG, SIMCom's +CSQ) when the model changes, also in the middle of a command.
/// <see cref="AtPortOptions"/> make it slow, silent or DTR-gated; <see cref="AtFaultScript"/> plays
/// firmware bugs. When the modem re-enumerates (a composition switch) the port is gone: ServeAsync
/// returns and <see cref="GoneBecause"/> says why.
/// <code>
///   host:   AT+CSQ&lt;CR&gt;
///   device: AT+CSQ&lt;CR&gt;                         echo (ATE1)
///           &lt;CR&gt;&lt;LF&gt;+CSQ: 23,99&lt;CR&gt;&lt;LF&gt;         information text (V.250 §5.7.2, verbose)
///           &lt;CR&gt;&lt;LF&gt;OK&lt;CR&gt;&lt;LF&gt;                  final result code
/// </code>
/// </summary>
public sealed partial class SimulatedAtPort : IRemovablePort, IDtrGatedPort
{
    /// <summary>A command line longer than this is noise: it is dropped up to its CR (V.250 §5.2.1 asks for at least 40 characters).</summary>
    public const int MaxLineLength = 2048;

    private readonly AtCommandTable commands;
    private readonly Lock sessionGate = new();
    private volatile string? goneBecause;
    private bool stoppedAnswering;

    public SimulatedAtPort(SimulatedModem modem, AtPortOptions? options = null, AtFaultScript? faults = null, AtCommandTable? commands = null)
    {
        Modem = modem;
        Options = options ?? new AtPortOptions();
        Faults = faults ?? new AtFaultScript();
        this.commands = commands ?? AtCommandTable.For(modem.Profile);
    }

    public SimulatedModem Modem { get; }

    public AtPortOptions Options { get; }

    public AtFaultScript Faults { get; }

    /// <summary>This port's settings (echo, +CMEE, URC enables).</summary>
    public AtSession Session { get; } = new();

    /// <summary>
    /// Whether the host has raised DTR, for a port with <see cref="AtPortOptions.NeedsDtr"/>. A pty has
    /// no modem-control lines, so the transport decides what "raised" means (in memory: a test's flag;
    /// on a pty: the convention of WwanDaemon.Linux). Null: DTR is never raised.
    /// </summary>
    public Func<bool>? DtrRaised { get; set; }

    /// <summary>Command lines heard (complete up to their CR), answered or not.</summary>
    public int LinesHeard => Volatile.Read(ref linesHeard);

    /// <summary>
    /// Every complete line heard, in order, as the host sent it (before any answer or refusal): tests
    /// assert on what reached the port, e.g. that a refused profile value never did. Holds PINs in
    /// clear: a test double only, never logged.
    /// </summary>
    public IReadOnlyCollection<string> HeardLines => heardLines;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> heardLines = new();

    /// <summary>Command lines answered (tests and benchmarks read it).</summary>
    public int CommandsAnswered => Volatile.Read(ref commandsAnswered);

    /// <summary>Command lines heard but not answered: silent port, DTR low, not an AT line, stopped firmware.</summary>
    public int LinesIgnored => Volatile.Read(ref linesIgnored);

    /// <summary>Handlers that threw (a simulator bug); tests assert it stays 0.</summary>
    public int HandlerFailures => Volatile.Read(ref handlerFailures);

    /// <summary>The last handler exception, for the test that finds one.</summary>
    public Exception? LastHandlerFailure { get; private set; }

    /// <inheritdoc />
    public string? GoneBecause => goneBecause;

    private int linesHeard;
    private int commandsAnswered;
    private int linesIgnored;
    private int handlerFailures;

    /// <inheritdoc />
    public async Task ServeAsync(Stream port, CancellationToken cancellationToken)
    {
        if (goneBecause is { } reason)
        {
            throw new InvalidOperationException($"{Options.Name}: this port is gone ({reason}); a re-enumerated modem has new ports");
        }
        using var serving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var writer = new AtPortWriter(port);
        void OnChanged(string what) => QueueUnsolicited(writer, what);
        var ended = false;
        void OnReenumerated(UsbReenumeration change)
        {
            // Raised on whichever thread restarted the modem (another port of it, a test): the lock
            // keeps it from cancelling after this serve has ended and disposed its token source.
            lock (sessionGate)
            {
                if (!ended)
                {
                    goneBecause = change.ToString();
                    serving.Cancel();
                }
            }
        }
        Modem.Changed += OnChanged;
        Modem.Reenumerated += OnReenumerated;
        var pump = writer.RunUnsolicitedAsync(serving.Token);
        try
        {
            await ReadLinesAsync(port, writer, serving.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (goneBecause is not null && !cancellationToken.IsCancellationRequested)
        {
            // unplugged: the port ends without error, GoneBecause says why
        }
        finally
        {
            lock (sessionGate)
            {
                ended = true;
            }
            Modem.Changed -= OnChanged;
            Modem.Reenumerated -= OnReenumerated;
            writer.Complete();
            try
            {
                await pump.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (serving.IsCancellationRequested)
            {
                // URCs still queued when the serve was stopped are not sent, as a modem that is switched off would not send them
            }
        }
    }

    /// <summary>
    /// V.250 §5.2.1: a command line ends with CR (S3). LF after it is ignored, as is a lone LF from
    /// hosts that end lines with it. Lines are handled one at a time: the host waits for each answer.
    /// </summary>
    private async Task ReadLinesAsync(Stream port, AtPortWriter writer, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var line = new StringBuilder();
        var overlong = false;
        while (goneBecause is null)
        {
            var count = await port.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (count == 0)
            {
                return;
            }
            for (var i = 0; i < count && goneBecause is null; i++)
            {
                var b = buffer[i];
                if (b == '\r')
                {
                    if (!overlong && line.Length > 0)
                    {
                        await HandleLineAsync(line.ToString(), writer, cancellationToken).ConfigureAwait(false);
                    }
                    line.Clear();
                    overlong = false;
                }
                else if (b != '\n' && !overlong)
                {
                    line.Append((char)b);
                    overlong = line.Length > MaxLineLength;
                }
            }
        }
    }
}
