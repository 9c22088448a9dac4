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
    private int nextIndicationTransaction;

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
            await MessagePump.RunAsync<QmuxFrame>(reader, TryReadFrame, HandleFrameAsync, cancellationToken).ConfigureAwait(false);
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
        var response = Respond(service, request, fault);
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

    /// <summary>
    /// The response to a request. A message the declarations do not cover, or a handler that fails,
    /// still gets an answer: a bare result TLV (InvalidQmiCommand, Internal), as firmware answers
    /// commands it does not know. The simulator never dies on what a host sends.
    /// </summary>
    private QmiMessage Respond(string service, QmiDecodedMessage request, QmiFault? fault)
    {
        var message = request.Message;
        QmiResult result;
        if (fault?.Kind == QmiFaultKind.Error)
        {
            result = QmiResult.Failure(fault.Error);
        }
        else if (declarations.Message(message.Service, message.MessageId) is null)
        {
            result = QmiResult.Failure(QmiErrors.InvalidQmiCommand);
        }
        else
        {
            try
            {
                var (answer, tlvs) = Answer(service, request);
                return QmiMessageInterpreter.Encode(declarations, message.Service, message.ClientId, message.TransactionId,
                    message.MessageId, QmiMessageKind.Response, tlvs, answer);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // A handler bug must not end the port: answer Internal, count it (tests assert none).
                LastHandlerFailure = error;
                HandlerFailures++;
                result = QmiResult.Failure(QmiErrors.Internal);
            }
        }
        return BareResult(message, result);
    }

    private static QmiMessage BareResult(QmiMessage request, QmiResult result)
    {
        var bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)result.Status);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(2), (ushort)result.Error);
        return request with { Kind = QmiMessageKind.Response, Tlvs = [new QmiTlv(QmiResult.TlvType, bytes)] };
    }

    /// <summary>Handlers that threw (a simulator bug); tests assert it stays 0.</summary>
    public int HandlerFailures { get; private set; }

    /// <summary>The last handler exception, for the test that finds one.</summary>
    public Exception? LastHandlerFailure { get; private set; }

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
