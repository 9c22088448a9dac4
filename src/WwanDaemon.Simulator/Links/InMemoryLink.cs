using System.IO.Pipelines;

namespace WwanDaemon.Simulator.Links;

/// <summary>
/// Two connected in-memory streams: what the host writes the device reads, and back. Lets the
/// host-side engines talk to a simulated modem in tests and benchmarks without a pseudo-terminal.
/// </summary>
public static class InMemoryLink
{
    public static (Stream Host, Stream Device) Create()
    {
        var toDevice = new Pipe();
        var toHost = new Pipe();
        return (new PipeEndStream(toHost.Reader, toDevice.Writer), new PipeEndStream(toDevice.Reader, toHost.Writer));
    }

    /// <summary>One end: reads from one pipe, writes to the other. Disposing completes both, which ends the peer's reads.</summary>
    private sealed class PipeEndStream(PipeReader reader, PipeWriter writer) : Stream
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

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => input.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => output.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => output.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => output.WriteAsync(buffer, offset, count, cancellationToken);

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
