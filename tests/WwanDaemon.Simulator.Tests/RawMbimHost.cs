using System.Buffers;
using System.IO.Pipelines;
using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Links;
using WwanDaemon.Simulator.Ports;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// A host that speaks MBIM transfers by hand (the engine's framing, no client): for tests that must
/// send what a well-behaved client never would (commands before OPEN, fragments out of order) and
/// see each transfer the simulator writes.
/// </summary>
internal sealed class RawMbimHost : IAsyncDisposable
{
    private readonly Stream host;
    private readonly PipeReader reader;
    private readonly CancellationTokenSource stop = new();
    private readonly Task serving;
    private uint nextTransaction = 1;

    public RawMbimHost(ISimulatedPort port)
    {
        var (hostEnd, deviceEnd) = InMemoryLink.Create();
        host = hostEnd;
        reader = PipeReader.Create(hostEnd);
        serving = Task.Run(() => port.ServeAsync(deviceEnd, stop.Token));
    }

    public static MbimDeclarations Declarations => MbimDeclarations.Embedded;

    public uint NextTransaction() => nextTransaction++;

    public async Task SendAsync(MbimMessage message, int maxControlTransfer = 4096)
    {
        await SendTransfersAsync(MbimMessageCodec.Encode(message, maxControlTransfer));
    }

    public async Task SendTransfersAsync(IEnumerable<byte[]> transfers)
    {
        foreach (var transfer in transfers)
        {
            await host.WriteAsync(transfer);
        }
        await host.FlushAsync();
    }

    /// <summary>The next transfer the simulator wrote, or null if none came within <paramref name="wait"/>.</summary>
    public async Task<byte[]?> ReceiveTransferAsync(TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        while (true)
        {
            ReadResult read;
            try
            {
                read = await reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
            var buffer = read.Buffer;
            if (MbimTransferReader.TryRead(ref buffer, out var transfer))
            {
                reader.AdvanceTo(buffer.Start);
                return transfer;
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>The next whole message (fragments reassembled), or null if none came within <paramref name="wait"/>.</summary>
    public async Task<MbimMessage?> ReceiveAsync(TimeSpan? wait = null)
    {
        var reassembler = new MbimReassembler();
        while (await ReceiveTransferAsync(wait ?? TimeSpan.FromSeconds(5)) is { } transfer)
        {
            if (reassembler.Accept(transfer) is { } message)
            {
                return message;
            }
        }
        return null;
    }

    public async Task OpenAsync(uint maxControlTransfer = 4096)
    {
        await SendAsync(new MbimOpen(NextTransaction(), maxControlTransfer));
        Assert.IsType<MbimOpenDone>(await ReceiveAsync());
    }

    public MbimCommand Command(string service, string command, MbimCommandType type, params QmiField[] fields) =>
        MbimMessageInterpreter.EncodeCommand(Declarations, service, command, type, NextTransaction(), fields);

    /// <summary>Sends a command and returns the next message that answers it (notifications in between are skipped).</summary>
    public async Task<MbimDecodedMessage> RequestAsync(string service, string command, MbimCommandType type, params QmiField[] fields)
    {
        var request = Command(service, command, type, fields);
        await SendAsync(request);
        while (await ReceiveAsync() is { } message)
        {
            if (message.TransactionId == request.TransactionId)
            {
                return MbimMessageInterpreter.Decode(Declarations, message);
            }
        }
        throw new Xunit.Sdk.XunitException($"no answer to {service} {command}");
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
            // stopping is how serving ends
        }
        await reader.CompleteAsync();
        host.Dispose();
        stop.Dispose();
    }
}
