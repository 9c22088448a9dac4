using System.Buffers;
using System.IO.Pipelines;
using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Qmi;
using WwanDaemon.Qmi.Framing;
using WwanDaemon.Simulator.Links;
using WwanDaemon.Simulator.Mbim;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Qmi;

namespace WwanDaemon.Simulator.Ports;

/// <summary>
/// The control port of seed 001's Dell DW5570 (quirk <c>first-protocol-wins</c>): it accepts QMUX and
/// MBIM framing, and after the first valid message of one protocol silently ignores the other until
/// the modem resets (<see cref="Reset"/>, a reset fault, QMI DMS Set Operating Mode "reset"). A host
/// that probes QMI first on a cdc_mbim port breaks the device, as Bjørn Mork describes.
/// </summary>
/// <remarks>
/// Telling the framings apart needs no guessing: an MBIM transfer starts with a little-endian type
/// (01 00 00 00 for OPEN), a QMUX frame with 01 and a 16-bit length of at least 5, so the first four
/// bytes of one are never a valid start of the other.
/// </remarks>
public sealed class DualProtocolPort : ISimulatedPort, IDisposable
{
    /// <summary>The two protocols the port speaks.</summary>
    public enum Protocol
    {
        /// <summary>QMUX framing (QMI).</summary>
        Qmi,

        /// <summary>MBIM framing.</summary>
        Mbim,
    }

    private readonly object gate = new();
    private readonly SemaphoreSlim output = new(1, 1);
    private Protocol? winner;

    /// <summary>A dual port for <paramref name="modem"/>, with its QMI and MBIM faces.</summary>
    public DualProtocolPort(SimulatedModem modem, MbimFaultScript? mbimFaults = null, QmiFaultScript? qmiFaults = null)
    {
        Modem = modem;
        MbimPort = new SimulatedMbimPort(modem, mbimFaults);
        QmiPort = new SimulatedQmiPort(modem, qmiFaults);
    }

    /// <summary>The modem both faces answer from.</summary>
    public SimulatedModem Modem { get; }

    /// <summary>The MBIM face.</summary>
    public SimulatedMbimPort MbimPort { get; }

    /// <summary>The QMUX face.</summary>
    public SimulatedQmiPort QmiPort { get; }

    /// <summary>The protocol that spoke first since start or the last reset; null while none has.</summary>
    public Protocol? FirstProtocol
    {
        get
        {
            lock (gate)
            {
                return winner;
            }
        }
    }

    /// <summary>Whole messages of the losing protocol, silently ignored.</summary>
    public int IgnoredMessages { get; private set; }

    /// <summary>Restarts the modem: the latch opens again and both faces forget the host.</summary>
    public void Reset() => Modem.Reset();

    /// <inheritdoc />
    public async Task ServeAsync(Stream port, CancellationToken cancellationToken)
    {
        var (qmiHost, qmiDevice) = InMemoryLink.Create();
        var (mbimHost, mbimDevice) = InMemoryLink.Create();
        using var serving = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var faces = new[]
        {
            Task.Run(() => QmiPort.ServeAsync(qmiDevice, serving.Token), CancellationToken.None),
            Task.Run(() => MbimPort.ServeAsync(mbimDevice, serving.Token), CancellationToken.None),
            Task.Run(() => PumpAsync(qmiHost, Protocol.Qmi, port, serving.Token), CancellationToken.None),
            Task.Run(() => PumpAsync(mbimHost, Protocol.Mbim, port, serving.Token), CancellationToken.None),
        };
        Modem.Changed += OnModemChanged;
        var reader = PipeReader.Create(port, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            await MessagePump.RunAsync<(Protocol Protocol, byte[] Bytes)>(
                reader,
                (ref ReadOnlySequence<byte> buffer, out (Protocol Protocol, byte[] Bytes) message) =>
                {
                    var cut = TryCut(ref buffer, out var protocol, out var bytes);
                    message = (protocol, bytes);
                    return cut;
                },
                (message, token) => RouteAsync(message.Protocol, message.Bytes, message.Protocol == Protocol.Qmi ? qmiHost : mbimHost, token),
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Modem.Changed -= OnModemChanged;
            // Stop the faces and pumps first and wait for them; only then close the links they read,
            // so no pump reads a link that is already closed.
            await serving.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(faces.Select(SwallowCancellation)).ConfigureAwait(false);
            qmiHost.Dispose();
            mbimHost.Dispose();
            await reader.CompleteAsync().ConfigureAwait(false);
            qmiDevice.Dispose();
            mbimDevice.Dispose();
        }
    }

    /// <summary>Releases the faces; the modem belongs to whoever created it.</summary>
    public void Dispose()
    {
        MbimPort.Dispose();
        QmiPort.Dispose();
        output.Dispose();
    }

    private void OnModemChanged(string what)
    {
        if (what == "reset")
        {
            lock (gate)
            {
                winner = null;
            }
        }
    }

    /// <summary>Cuts one whole message of either framing off the buffer; skips bytes that start neither.</summary>
    private static bool TryCut(ref ReadOnlySequence<byte> buffer, out Protocol protocol, out byte[] message)
    {
        while (!buffer.IsEmpty)
        {
            var mbimNeedsMore = false;
            var attempt = buffer;
            try
            {
                if (MbimTransferReader.TryRead(ref attempt, out message))
                {
                    buffer = attempt;
                    protocol = Protocol.Mbim;
                    return true;
                }
                mbimNeedsMore = true;
            }
            catch (MbimProtocolException)
            {
                // not an MBIM start: QMUX?
            }
            attempt = buffer;
            try
            {
                if (QmuxFramer.TryRead(ref attempt, out var frame))
                {
                    message = QmuxFramer.Write(frame);
                    buffer = attempt;
                    protocol = Protocol.Qmi;
                    return true;
                }
                break; // a QMUX start that needs more bytes
            }
            catch (QmiProtocolException)
            {
                if (mbimNeedsMore)
                {
                    break; // an MBIM start that needs more bytes
                }
                buffer = buffer.Slice(1); // neither: a stray byte
            }
        }
        protocol = default;
        message = [];
        return false;
    }

    /// <summary>The first valid message latches its protocol; the other one's messages are ignored without a word.</summary>
    private async Task RouteAsync(Protocol protocol, byte[] message, Stream face, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            winner ??= protocol;
            if (winner != protocol)
            {
                IgnoredMessages++;
                return;
            }
        }
        await face.WriteAsync(message, cancellationToken).ConfigureAwait(false);
        await face.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies a face's answers to the host unless the other protocol holds the latch.</summary>
    private async Task PumpAsync(Stream face, Protocol protocol, Stream port, CancellationToken cancellationToken)
    {
        var chunk = new byte[4096];
        int count;
        while ((count = await face.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            // While the latch is open (just after a restart) a face may still finish the answer it was
            // writing, such as the DMS reset's own response; only the loser's output is dropped.
            if (FirstProtocol is { } holder && holder != protocol)
            {
                continue;
            }
            await output.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await port.WriteAsync(chunk.AsMemory(0, count), CancellationToken.None).ConfigureAwait(false);
                await port.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finally
            {
                output.Release();
            }
        }
    }

    private static async Task SwallowCancellation(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (Exception ended) when (ended is OperationCanceledException or ObjectDisposedException or IOException)
        {
            // the port is stopping: the faces end with it
        }
    }
}
