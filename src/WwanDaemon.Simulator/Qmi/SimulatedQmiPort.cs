using System.Buffers;
using System.IO.Pipelines;
using WwanDaemon.Qmi;
using WwanDaemon.Qmi.Declarations;
using WwanDaemon.Qmi.Framing;
using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Ports;

namespace WwanDaemon.Simulator.Qmi;

/// <summary>
/// The device side of a QMI port: answers CTL (client ids, version info, sync) and the DMS, NAS,
/// WDS, WDA and UIM requests from the <see cref="SimulatedModem"/>'s state, sends indications when
/// that state changes, and plays the <see cref="QmiFaultScript"/>'s firmware bugs. It speaks through
/// the same declarations as the host-side client, and real qmicli drives it (tests).
/// </summary>
public sealed partial class SimulatedQmiPort : ISimulatedPort
{
    private readonly QmiDeclarations declarations;
    private readonly Dictionary<byte, HashSet<byte>> clients = [];
    private readonly Dictionary<byte, byte> nextClient = [];
    private readonly object gate = new();
    private FrameWriter? writer;
    private Stream? activePort;
    private bool stoppedAnswering;
    private ushort nextIndicationTransaction;

    public SimulatedQmiPort(SimulatedModem modem, QmiFaultScript? faults = null, QmiDeclarations? declarations = null)
    {
        Modem = modem;
        Faults = faults ?? new QmiFaultScript();
        this.declarations = declarations ?? QmiDeclarations.Embedded;
    }

    public SimulatedModem Modem { get; }

    public QmiFaultScript Faults { get; }

    /// <summary>Requests answered so far (tests and benchmarks read it).</summary>
    public int RequestsAnswered { get; private set; }

    public async Task ServeAsync(Stream port, CancellationToken cancellationToken)
    {
        activePort = port;
        writer?.Dispose();
        writer = new FrameWriter(port);
        Modem.Changed += OnModemChanged;
        var reader = PipeReader.Create(port, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = read.Buffer;
                while (TryReadFrame(ref buffer, out var frame))
                {
                    await HandleFrameAsync(frame, cancellationToken).ConfigureAwait(false);
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
            Modem.Changed -= OnModemChanged;
            await reader.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>A real modem ignores bytes that do not start a frame; so does the simulator.</summary>
    private static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out QmuxFrame frame)
    {
        while (true)
        {
            try
            {
                return QmuxFramer.TryRead(ref buffer, out frame);
            }
            catch (QmiProtocolException)
            {
                buffer = buffer.Slice(1);
            }
        }
    }

    private async Task HandleFrameAsync(QmuxFrame frame, CancellationToken cancellationToken)
    {
        QmiDecodedMessage request;
        try
        {
            request = QmiMessageInterpreter.Decode(QmiMessageCodec.Decode(frame), declarations);
        }
        catch (QmiProtocolException)
        {
            return; // a malformed request gets no answer, as from real firmware
        }
        if (request.Message.Kind != QmiMessageKind.Request || stoppedAnswering)
        {
            return;
        }
        var service = ServiceName(request.Message.Service);
        var fault = Faults.Take(service, request.Name);
        switch (fault?.Kind)
        {
            case QmiFaultKind.StopAnswering:
                stoppedAnswering = true;
                return;
            case QmiFaultKind.Drop:
                return;
            case QmiFaultKind.Reset:
                Reset();
                return;
            case QmiFaultKind.Delay:
                await Task.Delay(fault.Delay, cancellationToken).ConfigureAwait(false);
                break;
        }
        var (result, tlvs) = fault?.Kind == QmiFaultKind.Error
            ? (QmiResult.Failure(fault.Error), (IReadOnlyList<QmiField>)[])
            : Answer(service, request);
        var response = QmiMessageInterpreter.Encode(declarations, request.Message.Service, request.Message.ClientId, request.Message.TransactionId,
            request.Message.MessageId, QmiMessageKind.Response, tlvs, result);
        var bytes = QmuxFramer.Write(QmiMessageCodec.Encode(response));
        if (fault?.Kind == QmiFaultKind.Corrupt)
        {
            // The first TLV claims 0xffff bytes: the frame stays whole (the stream stays in step) but
            // its contents overrun, as a firmware that writes a bad length would.
            var firstTlv = QmuxFrame.HeaderLength + (request.Message.Service == QmiMessageCodec.ControlService ? 6 : 7);
            bytes[firstTlv + 1] = 0xff;
            bytes[firstTlv + 2] = 0xff;
        }
        await WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        if (fault?.Kind == QmiFaultKind.Duplicate)
        {
            await WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        RequestsAnswered++;
    }

    private (QmiResult Result, IReadOnlyList<QmiField> Tlvs) Answer(string service, QmiDecodedMessage request)
    {
        var clientId = request.Message.ClientId;
        if (service != "ctl" && !IsAllocated(request.Message.Service, clientId))
        {
            return (QmiResult.Failure(QmiErrors.InvalidClientId), []);
        }
        var context = new QmiRequestContext(Modem, request, clientId, this);
        return Handlers.TryGetValue((service, request.Name), out var handler)
            ? handler(context)
            : (QmiResult.Failure(QmiErrors.InvalidQmiCommand), []);
    }

    private string ServiceName(byte serviceId) =>
        declarations.Services.FirstOrDefault(s => s.ServiceId == serviceId)?.Service ?? $"service-{serviceId}";

    private Task WriteAsync(byte[] bytes, CancellationToken cancellationToken) =>
        (writer ?? throw new InvalidOperationException("the simulated port is not serving")).WriteAsync(bytes, cancellationToken);
}
