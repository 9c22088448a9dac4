using System.Buffers;
using System.IO.Pipelines;
using WwanDaemon.Mbim.Framing;

namespace WwanDaemon.Mbim.Tests;

/// <summary>The modem side of a test: reads whole messages the host sent and writes exact transfers back.</summary>
internal sealed class ScriptedMbimPeer(Stream stream)
{
    private readonly PipeReader reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
    private readonly MbimReassembler reassembler = new();

    /// <summary>Every transfer the host sent, in order.</summary>
    public List<byte[]> Received { get; } = [];

    public async Task<MbimMessage> ReadAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var read = await reader.ReadAsync(timeout.Token);
            var buffer = read.Buffer;
            try
            {
                while (MbimTransferReader.TryRead(ref buffer, out var transfer))
                {
                    Received.Add(transfer);
                    if (reassembler.Accept(transfer) is { } message)
                    {
                        return message;
                    }
                }
            }
            finally
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
            }
            Assert.False(read.IsCompleted, "the host closed the stream");
        }
    }

    public async Task<T> ReadAsync<T>()
        where T : MbimMessage => Assert.IsType<T>(await ReadAsync());

    public async Task SendAsync(MbimMessage message, int maxControlTransfer = 4096)
    {
        foreach (var transfer in MbimMessageCodec.Encode(message, maxControlTransfer))
        {
            await SendRawAsync(transfer);
        }
    }

    public async Task SendRawAsync(byte[] bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
    }

    /// <summary>Answers the OPEN the host sends first.</summary>
    public async Task<MbimOpen> AcceptOpenAsync(uint status = 0)
    {
        var open = await ReadAsync<MbimOpen>();
        await SendAsync(new MbimOpenDone(open.TransactionId, status));
        return open;
    }
}
