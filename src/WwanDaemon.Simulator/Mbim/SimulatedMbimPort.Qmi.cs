using System.Buffers;
using System.IO.Pipelines;
using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi;
using WwanDaemon.Qmi.Framing;
using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Links;

namespace WwanDaemon.Simulator.Mbim;

/// <summary>
/// QMI over MBIM (seed 003): a COMMAND set of the QMI device service (d1a30bc2-f97a-6e43-bf65-c7e24fb0f0d3,
/// CID 1 "Msg") carries one whole QMUX frame in its information buffer; the modem answers with a
/// COMMAND_DONE of the same transaction carrying the QMUX response, and sends QMUX indications as
/// INDICATE_STATUS of the same service and CID (libmbim data/mbim-service-qmi.json, commit 2f6c6ad).
/// The QMI firmware is a <see cref="Qmi.SimulatedQmiPort"/> served over an in-memory link.
/// </summary>
public sealed partial class SimulatedMbimPort
{
    internal const string BasicConnectServiceName = "basic-connect";
    private const string QmiServiceName = "qmi";
    private const string QmiMessageCommand = "Msg";

    /// <summary>Tunnelled requests waiting for their QMUX answer, by (QMUX service, client id, QMI transaction).</summary>
    private readonly Dictionary<(byte Service, byte Client, ushort Transaction), (MbimCommand Command, MbimFault? Fault)> pendingQmi = [];
    private FrameWriter? qmiWriter;
    private Stream? qmiHost;

    /// <summary>
    /// Runs the QMI firmware behind the QMI device service until the port stops. A failure of either
    /// loop is not swallowed: it ends this task with the error, and <see cref="StopQmiTunnelAsync"/>
    /// (awaited when serving ends) rethrows it, so a test sees it.
    /// </summary>
    private async Task RunQmiTunnelAsync(CancellationToken cancellationToken)
    {
        var (host, device) = InMemoryLink.Create();
        qmiHost = host;
        qmiWriter?.Dispose();
        qmiWriter = new FrameWriter(host);
        try
        {
            var firmware = Task.Run(() => QmiPort.ServeAsync(device, cancellationToken), CancellationToken.None);
            var answers = Task.Run(() => ReadQmiAnswersAsync(host, cancellationToken), CancellationToken.None);
            await Task.WhenAll(firmware, answers).ConfigureAwait(false);
        }
        finally
        {
            await device.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StopQmiTunnelAsync(Task tunnel)
    {
        qmiHost?.Dispose(); // ends both loops' reads
        try
        {
            await tunnel.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // stopping is how the tunnel ends
        }
    }

    /// <summary>Sends the QMUX frame of a QMI-service command to the QMI firmware; false when it is not a frame (answered at once).</summary>
    private async Task<bool> ForwardToQmiAsync(MbimCommand command, MbimFault? fault, CancellationToken cancellationToken)
    {
        QmuxFrame frame;
        ushort transaction;
        byte[] bytes;
        try
        {
            bytes = MbimMessageInterpreter.Decode(declarations, command)["QmiMsg"] is QmiBytes qmux
                ? qmux.Value
                : throw new MbimProtocolException("the QMI Msg command carries no QmiMsg bytes");
            frame = QmuxFramer.ReadSingle(bytes);
            transaction = QmiMessageCodec.DecodeHeader(frame).TransactionId;
        }
        catch (Exception malformed) when (malformed is MbimProtocolException or QmiProtocolException)
        {
            return false; // answered InvalidParameters by the ordinary path
        }
        lock (gate)
        {
            pendingQmi[(frame.Service, frame.ClientId, transaction)] = (command, fault);
        }
        await qmiWriter!.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task ReadQmiAnswersAsync(Stream host, CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(host, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                ReadResult read;
                try
                {
                    read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ObjectDisposedException)
                {
                    return; // the tunnel closed
                }
                var buffer = read.Buffer;
                while (TryReadQmux(ref buffer, out var frame))
                {
                    await RelayQmiAsync(frame, cancellationToken).ConfigureAwait(false);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    return;
                }
            }
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The QMI firmware writes whole frames; should one ever be malformed, skip a byte and find the next (as the QMI face does with host bytes).</summary>
    private bool TryReadQmux(ref ReadOnlySequence<byte> buffer, out QmuxFrame frame)
    {
        while (true)
        {
            try
            {
                return QmuxFramer.TryRead(ref buffer, out frame);
            }
            catch (QmiProtocolException)
            {
                Interlocked.Increment(ref protocolErrors);
                buffer = buffer.Slice(1);
            }
        }
    }

    /// <summary>A QMUX response goes back in the COMMAND_DONE of the transaction that carried its request; an indication as a notification.</summary>
    private async Task RelayQmiAsync(QmuxFrame frame, CancellationToken cancellationToken)
    {
        var header = QmiMessageCodec.DecodeHeader(frame);
        var bytes = QmuxFramer.Write(frame);
        if (header.Kind == QmiMessageKind.Indication)
        {
            Notify(QmiServiceName, QmiMessageCommand, [new QmiField("QMUX", new QmiBytes(bytes))]);
            return;
        }
        (MbimCommand Command, MbimFault? Fault) pending;
        lock (gate)
        {
            if (!pendingQmi.Remove((frame.Service, frame.ClientId, header.TransactionId), out pending))
            {
                return; // the host forgot it (reset) or never asked
            }
        }
        var done = MbimMessageInterpreter.EncodeResponse(declarations, pending.Command, MbimStatus.Success, [new QmiField("QMUX", new QmiBytes(bytes))]);
        await SendAsync(done, pending.Fault, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref commandsAnswered);
    }
}
