using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Threading.Channels;
using WwanDaemon.Qmi.Declarations;
using WwanDaemon.Qmi.Framing;
using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Qmi.Client;

/// <summary>
/// The host side of a QMI port over any duplex byte stream (cdc-wdm, a pty, a proxy, QMI over
/// MBIM). One read loop cuts frames and hands each response to the request waiting for its
/// (service, client id, transaction id), each indication to its client. Every request has a
/// timeout; closing fails whatever still waits.
/// </summary>
public sealed partial class QmiDevice : IAsyncDisposable
{
    private readonly Stream stream;
    private readonly QmiDeclarations declarations;
    private readonly ConcurrentDictionary<(byte Service, byte Client, ushort Transaction), PendingRequest> pending = new();
    private readonly ConcurrentDictionary<(byte Service, byte Client), Channel<QmiDecodedMessage>> indicationChannels = new();
    private readonly ConcurrentDictionary<(byte Service, byte Client), int> transactions = new();
    private readonly FrameWriter writer;
    private readonly CancellationTokenSource closing = new();
    private Task readLoop = Task.CompletedTask;
    private int malformedFrames;
    private int unmatchedResponses;
    private string? closedBecause;

    private QmiDevice(Stream stream, QmiDeviceOptions options, QmiDeclarations declarations)
    {
        this.stream = stream;
        writer = new FrameWriter(stream);
        Options = options;
        this.declarations = declarations;
    }

    public QmiDeviceOptions Options { get; }

    /// <summary>Frames that could not be read and were skipped (a sign of a wrong or confused port).</summary>
    public int MalformedFrames => Volatile.Read(ref malformedFrames);

    /// <summary>True once the port has closed (unplug, EIO, end of stream, or disposal): every request fails at once.</summary>
    public bool IsClosed => Volatile.Read(ref closedBecause) is not null;

    /// <summary>Responses that matched no waiting request (late, duplicated, or for another process).</summary>
    public int UnmatchedResponses => Volatile.Read(ref unmatchedResponses);

    /// <summary>Opens a port: starts reading, and (by default) sends CTL Sync.</summary>
    public static async Task<QmiDevice> OpenAsync(Stream stream, QmiDeviceOptions? options = null, QmiDeclarations? declarations = null, CancellationToken cancellationToken = default)
    {
        var device = new QmiDevice(stream, options ?? new QmiDeviceOptions(), declarations ?? QmiDeclarations.Embedded);
        device.readLoop = Task.Run(device.ReadLoopAsync, CancellationToken.None);
        if (device.Options.SyncOnOpen)
        {
            try
            {
                await device.RequestAsync("ctl", 0, "Sync", [], cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await device.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        return device;
    }

    /// <summary>Sends a request and waits for its response; a QMI error result throws <see cref="QmiErrorException"/>.</summary>
    public async Task<QmiDecodedMessage> RequestAsync(string service, byte clientId, string message, IReadOnlyList<QmiField> tlvs, CancellationToken cancellationToken = default)
    {
        var (serviceId, messageId, _) = declarations.Find(service, message);
        var label = $"{Options.Name}: {service.ToUpperInvariant()} {message}";
        var waiting = new PendingRequest(label);
        var (key, transaction) = Reserve((byte)serviceId, clientId, waiting, label);
        var request = QmiMessageInterpreter.Encode(declarations, serviceId, clientId, transaction, messageId, QmiMessageKind.Request, tlvs);
        try
        {
            // The read loop may have ended between its last sweep and our reservation.
            if (Volatile.Read(ref closedBecause) is { } closed)
            {
                throw new IOException($"{label}: {closed}");
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, closing.Token);
            timeout.CancelAfter(Options.RequestTimeout);
            QmiDecodedMessage response;
            try
            {
                await WriteAsync(request, timeout.Token).ConfigureAwait(false);
                response = await waiting.Completion.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !closing.IsCancellationRequested)
            {
                throw new QmiTimeoutException(label, Options.RequestTimeout);
            }
            catch (OperationCanceledException) when (closing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ObjectDisposedException(Options.Name, $"{label}: the port was closed before the modem answered");
            }
            return response.Result is { IsSuccess: false } result ? throw new QmiErrorException(label, result) : response;
        }
        finally
        {
            pending.TryRemove(key, out _);
        }
    }

    /// <summary>
    /// The next free transaction id for (service, client): CTL ids are one byte, service ids two; 0
    /// is never used, and an id still waiting for its answer is skipped.
    /// </summary>
    private ((byte, byte, ushort) Key, ushort Transaction) Reserve(byte service, byte clientId, PendingRequest waiting, string label)
    {
        var limit = service == QmiMessageCodec.ControlService ? byte.MaxValue : ushort.MaxValue;
        for (var attempt = 0; attempt < limit; attempt++)
        {
            var transaction = (ushort)transactions.AddOrUpdate((service, clientId), 1, (_, last) => last >= limit ? 1 : last + 1);
            if (pending.TryAdd((service, clientId, transaction), waiting))
            {
                return ((service, clientId, transaction), transaction);
            }
        }
        throw new InvalidOperationException($"{label}: all {limit} transaction ids are waiting for answers");
    }

    /// <summary>Indications for one client (or the broadcast client 0xff), as they arrive.</summary>
    public IAsyncEnumerable<QmiDecodedMessage> IndicationsAsync(string service, byte clientId, CancellationToken cancellationToken = default)
    {
        var serviceId = (byte)declarations.Services.First(s => s.Service == service).ServiceId;
        return ChannelFor(serviceId, clientId).Reader.ReadAllAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (closing.IsCancellationRequested)
        {
            return;
        }
        await closing.CancelAsync().ConfigureAwait(false);
        foreach (var request in pending.Values)
        {
            request.Completion.TrySetCanceled();
        }
        foreach (var channel in indicationChannels.Values)
        {
            channel.Writer.TryComplete();
        }
        await readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        closing.Dispose();
        writer.Dispose();
    }

    internal void ForgetIndications(byte service, byte clientId)
    {
        if (indicationChannels.TryRemove((service, clientId), out var channel))
        {
            channel.Writer.TryComplete();
        }
    }

    private Channel<QmiDecodedMessage> ChannelFor(byte service, byte clientId) =>
        indicationChannels.GetOrAdd((service, clientId), _ => Channel.CreateBounded<QmiDecodedMessage>(
            new BoundedChannelOptions(Options.IndicationCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = false }));

    private Task WriteAsync(QmiMessage message, CancellationToken cancellationToken) =>
        writer.WriteAsync(QmuxFramer.Write(QmiMessageCodec.Encode(message)), cancellationToken);

    private sealed class PendingRequest(string label)
    {
        public string Label { get; } = label;

        public TaskCompletionSource<QmiDecodedMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
