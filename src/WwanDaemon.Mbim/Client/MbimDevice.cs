using System.Collections.Concurrent;
using System.Threading.Channels;
using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Mbim.Client;

/// <summary>
/// The host side of an MBIM port over any duplex byte stream (cdc-wdm, a pty, a proxy). One read loop
/// cuts transfers, reassembles fragments and hands each answer to the request waiting for its
/// transaction id, each notification to <see cref="IndicationsAsync"/> (or, for the QMI service, to
/// the QMI transport). Every request has a timeout; closing fails whatever still waits.
/// </summary>
public sealed partial class MbimDevice : IAsyncDisposable
{
    private readonly Stream stream;
    private readonly MbimDeclarations declarations;
    private readonly ConcurrentDictionary<uint, PendingRequest> pending = new();
    private readonly Channel<MbimDecodedMessage> indications;
    private readonly MbimTransferWriter writer;
    private readonly CancellationTokenSource closing = new();
    private Task readLoop = Task.CompletedTask;
    private int lastTransaction;
    private int malformedTransfers;
    private int unmatchedMessages;
    private string? closedBecause;
    private int disposed;

    private MbimDevice(Stream stream, MbimDeviceOptions options, MbimDeclarations declarations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxControlTransfer, MbimMessageCodec.MinControlTransfer);
        this.stream = stream;
        this.declarations = declarations;
        Options = options;
        writer = new MbimTransferWriter(stream);
        indications = Channel.CreateBounded<MbimDecodedMessage>(
            new BoundedChannelOptions(options.IndicationCapacity) { FullMode = BoundedChannelFullMode.DropOldest });
    }

    public MbimDeviceOptions Options { get; }

    /// <summary>Transfers or messages that could not be read and were dropped (a sign of a wrong or confused port).</summary>
    public int MalformedTransfers => Volatile.Read(ref malformedTransfers);

    /// <summary>Answers that matched no waiting request (late, duplicated), and FUNCTION_ERRORs about no request.</summary>
    public int UnmatchedMessages => Volatile.Read(ref unmatchedMessages);

    /// <summary>Opens a port: starts reading, sends OPEN with <see cref="MbimDeviceOptions.MaxControlTransfer"/> and waits for OPEN_DONE.</summary>
    /// <exception cref="MbimStatusException">OPEN_DONE carried a failure status.</exception>
    /// <exception cref="MbimTimeoutException">No OPEN_DONE came.</exception>
    public static async Task<MbimDevice> OpenAsync(Stream stream, MbimDeviceOptions? options = null, MbimDeclarations? declarations = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var device = new MbimDevice(stream, options ?? new MbimDeviceOptions(), declarations ?? MbimDeclarations.Embedded);
        device.readLoop = Task.Run(device.ReadLoopAsync, CancellationToken.None);
        try
        {
            var label = $"{device.Options.Name}: OPEN";
            var answer = await device.ExchangeAsync(tid => new MbimOpen(tid, (uint)device.Options.MaxControlTransfer), label, ct).ConfigureAwait(false);
            var status = answer is MbimOpenDone done ? done.Status : throw new MbimProtocolException($"{label}: answered with {answer.Type}, not OPEN_DONE", answer.TransactionId, MbimProtocolError.Unknown);
            if (status != MbimStatus.Success)
            {
                throw new MbimStatusException(label, status, null);
            }
        }
        catch
        {
            await device.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return device;
    }

    /// <summary>Queries a declared command; a failure status throws <see cref="MbimStatusException"/>.</summary>
    public Task<MbimDecodedMessage> QueryAsync(string service, string command, IReadOnlyList<QmiField>? fields = null, CancellationToken ct = default) =>
        RequestAsync(service, command, MbimCommandType.Query, fields ?? [], ct);

    /// <summary>Sets a declared command; a failure status throws <see cref="MbimStatusException"/> carrying the decoded answer.</summary>
    public Task<MbimDecodedMessage> SetAsync(string service, string command, IReadOnlyList<QmiField> fields, CancellationToken ct = default) =>
        RequestAsync(service, command, MbimCommandType.Set, fields, ct);

    /// <summary>Sends a raw COMMAND and returns its COMMAND_DONE, whatever its status.</summary>
    /// <exception cref="MbimTimeoutException">No answer in time.</exception>
    /// <exception cref="MbimProtocolException">The answer was malformed, answered another command, or the modem sent FUNCTION_ERROR.</exception>
    public async Task<MbimCommandDone> CommandAsync(Guid service, uint cid, MbimCommandType type, byte[] informationBuffer, CancellationToken ct = default)
    {
        var label = $"{Options.Name}: {declarations.ServiceName(service) ?? service.ToString()} {declarations.Find(service, cid)?.Name ?? $"CID {cid}"} {(type == MbimCommandType.Query ? "query" : "set")}";
        var answer = await ExchangeAsync(tid => new MbimCommand(tid, service, cid, type, informationBuffer), label, ct).ConfigureAwait(false);
        if (answer is not MbimCommandDone done || done.Service != service || done.Cid != cid)
        {
            throw new MbimProtocolException($"{label}: the answer to transaction {answer.TransactionId} is {answer}, not COMMAND_DONE for this command", answer.TransactionId, MbimProtocolError.Unknown);
        }
        return done;
    }

    /// <summary>Notifications (INDICATE_STATUS) of every service except QMI while a QMI transport is open, as they arrive.</summary>
    public IAsyncEnumerable<MbimDecodedMessage> IndicationsAsync(CancellationToken ct = default) => indications.Reader.ReadAllAsync(ct);

    /// <summary>Asks the modem to send the notifications of these commands ("basic-connect" -> ["Signal State", "Connect"]), replacing the previous list.</summary>
    public async Task SubscribeAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> commandsPerService, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(commandsPerService);
        var events = commandsPerService.Select(entry => (QmiValue)new QmiStruct(
        [
            new QmiField("DeviceServiceId", new QmiString(declarations.ServiceId(entry.Key).ToString())),
            new QmiField("CidsCount", new QmiInteger(entry.Value.Count)),
            new QmiField("Cids", new QmiArray(entry.Value.Select(command => (QmiValue)new QmiInteger(declarations.Find(entry.Key, command).Command.Cid)).ToArray())),
        ])).ToArray();
        await SetAsync("basic-connect", "Device Service Subscribe List",
            [new QmiField("EventsCount", new QmiInteger(events.Length)), new QmiField("Events", new QmiArray(events))], ct).ConfigureAwait(false);
    }

    /// <summary>Sends CLOSE, waits for CLOSE_DONE, then stops reading; what still waits fails.</summary>
    public async Task CloseAsync(CancellationToken ct = default)
    {
        try
        {
            var label = $"{Options.Name}: CLOSE";
            var answer = await ExchangeAsync(tid => new MbimClose(tid), label, ct).ConfigureAwait(false);
            if (answer is MbimCloseDone { Status: not MbimStatus.Success } done)
            {
                throw new MbimStatusException(label, done.Status, null);
            }
        }
        finally
        {
            await DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Once only: a second caller racing the first must not cancel or dispose what the first disposed.
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }
        MarkClosed($"{Options.Name} was closed");
        await closing.CancelAsync().ConfigureAwait(false);
        FailAllPending(label => new ObjectDisposedException(Options.Name, $"{label}: the port was closed before the modem answered"));
        indications.Writer.TryComplete();
        qmiTransport?.Complete();
        await readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        closing.Dispose();
        writer.Dispose();
    }

    private async Task<MbimDecodedMessage> RequestAsync(string service, string command, MbimCommandType type, IReadOnlyList<QmiField> fields, CancellationToken ct)
    {
        var (serviceId, declaration) = declarations.Find(service, command);
        var request = MbimMessageInterpreter.EncodeCommand(declarations, service, command, type, 0, fields);
        var done = await CommandAsync(serviceId, declaration.Cid, type, request.InformationBuffer, ct).ConfigureAwait(false);
        var label = $"{Options.Name}: {service} {command} {(type == MbimCommandType.Query ? "query" : "set")}";
        if (done.Status == MbimStatus.Success)
        {
            return MbimMessageInterpreter.Decode(declarations, done);
        }
        MbimDecodedMessage response;
        try
        {
            response = MbimMessageInterpreter.Decode(declarations, done);
        }
        catch (MbimProtocolException error)
        {
            // The status is the news; the unreadable buffer travels along as the inner exception.
            throw new MbimStatusException(label, done.Status, new MbimDecodedMessage(done, service, command, []), error);
        }
        throw new MbimStatusException(label, done.Status, response);
    }

    /// <summary>Sends one message under a fresh transaction id and waits for the message answering it.</summary>
    private async Task<MbimMessage> ExchangeAsync(Func<uint, MbimMessage> build, string label, CancellationToken ct, MbimQmiTransport? qmiTransport = null)
    {
        var waiting = new PendingRequest(label, qmiTransport);
        var transaction = Reserve(waiting, label);
        try
        {
            if (Volatile.Read(ref closedBecause) is { } closed)
            {
                throw new IOException($"{label}: {closed}");
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct, closing.Token);
            timeout.CancelAfter(Options.RequestTimeout);
            try
            {
                await writer.WriteAsync(MbimMessageCodec.Encode(build(transaction), Options.MaxControlTransfer), timeout.Token).ConfigureAwait(false);
                return await waiting.Completion.Task.WaitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested && !closing.IsCancellationRequested)
            {
                throw new MbimTimeoutException(label, Options.RequestTimeout);
            }
            catch (OperationCanceledException) when (closing.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new ObjectDisposedException(Options.Name, $"{label}: the port was closed before the modem answered");
            }
        }
        finally
        {
            pending.TryRemove(transaction, out _);
        }
    }

    /// <summary>The next free transaction id: 0 is never used (notifications carry it), and an id still waiting is skipped.</summary>
    private uint Reserve(PendingRequest waiting, string label)
    {
        for (var attempt = 0; attempt < 1 << 16; attempt++)
        {
            var transaction = unchecked((uint)Interlocked.Increment(ref lastTransaction));
            if (transaction != 0 && pending.TryAdd(transaction, waiting))
            {
                return transaction;
            }
        }
        throw new InvalidOperationException($"{label}: no free transaction id; too many requests are waiting");
    }

    /// <summary>
    /// Records why the port is closed before failing what waits. A full fence (not a release write):
    /// <see cref="ExchangeAsync"/> adds its request and then reads this, the closer writes this and then
    /// reads the waiting requests, so one of the two always sees the other and no request is left to time out.
    /// </summary>
    private void MarkClosed(string reason) => Interlocked.CompareExchange(ref closedBecause, reason, null);

    private void FailAllPending(Func<string, Exception> error)
    {
        foreach (var request in pending.Values)
        {
            request.Completion.TrySetException(error(request.Label));
        }
    }

    private sealed class PendingRequest(string label, MbimQmiTransport? qmiTransport)
    {
        public string Label { get; } = label;

        /// <summary>For a QMI Msg forwarded from the QMI transport: where the read loop delivers the answer's QMUX frame.</summary>
        public MbimQmiTransport? QmiTransport { get; } = qmiTransport;

        public TaskCompletionSource<MbimMessage> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
