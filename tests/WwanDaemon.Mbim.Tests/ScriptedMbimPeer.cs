using System.Buffers;
using System.IO.Pipelines;
using WwanDaemon.Mbim.Framing;

namespace WwanDaemon.Mbim.Tests;

/// <summary>Two connected in-memory streams: what the host writes the peer reads, and back.</summary>
internal static class DuplexLink
{
    public static (Stream Host, Stream Peer) Create()
    {
        var toPeer = new Pipe();
        var toHost = new Pipe();
        return (new PipeEnd(toHost.Reader, toPeer.Writer), new PipeEnd(toPeer.Reader, toHost.Writer));
    }

    private sealed class PipeEnd(PipeReader reader, PipeWriter writer) : Stream
    {
        private readonly Stream input = reader.AsStream();
        private readonly Stream output = writer.AsStream();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => input.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => input.ReadAsync(buffer, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => output.WriteAsync(buffer, cancellationToken);

        public override void Flush() => output.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => output.FlushAsync(cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                reader.Complete();
                writer.Complete();
            }
            base.Dispose(disposing);
        }
    }
}

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
