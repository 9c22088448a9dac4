using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using WwanDaemon.Qmi;
using WwanDaemon.Qmi.Framing;

namespace WwanDaemon.Mbim.Client;

/// <summary>
/// QMI over MBIM as a byte stream: written bytes are cut into QMUX frames and each is sent as a QMI Msg
/// set (without waiting for the answer, so QMI requests overlap as on cdc-wdm); answers and
/// notifications are written into a pipe the QMI client reads.
/// </summary>
internal sealed class MbimQmiTransport : Stream
{
    private readonly MbimDevice device;
    // Never pauses: answers only come for requests the client made, and the read loop must not block on a slow reader.
    private readonly Pipe fromModem = new(new PipeOptions(pauseWriterThreshold: 0));
    private readonly object sendLock = new();
    private bool completed;
    private readonly Stream readable;
    private readonly object writeLock = new();
    private byte[] unsent = [];

    public MbimQmiTransport(MbimDevice device)
    {
        this.device = device;
        readable = fromModem.Reader.AsStream();
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Hands a QMUX frame from the modem to the reader; trailing padding some modems add is cut off.</summary>
    public void Deliver(byte[] informationBuffer)
    {
        var length = informationBuffer.Length;
        if (length >= 3 && informationBuffer[0] == QmuxFrame.InterfaceType)
        {
            length = Math.Min(length, BinaryPrimitives.ReadUInt16LittleEndian(informationBuffer.AsSpan(1)) + 1);
        }
        lock (writeLock)
        {
            if (completed)
            {
                return;
            }
            fromModem.Writer.Write(informationBuffer.AsSpan(0, length));
            // Completes at once: the pipe has no pause threshold.
            fromModem.Writer.FlushAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>No more frames will come (the port closed).</summary>
    public void Complete()
    {
        lock (writeLock)
        {
            if (!completed)
            {
                completed = true;
                fromModem.Writer.Complete();
            }
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => readable.Read(buffer, offset, count);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => readable.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => readable.ReadAsync(buffer, offset, count, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count) => Send(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Send(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Send(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            device.Forget(this);
            Complete();
            fromModem.Reader.Complete();
        }
        base.Dispose(disposing);
    }

    /// <summary>Cuts whole QMUX frames from what was written; a partial frame waits for the rest.</summary>
    private void Send(ReadOnlySpan<byte> bytes)
    {
        List<byte[]> frames = [];
        lock (sendLock)
        {
            var all = new ReadOnlySequence<byte>([.. unsent, .. bytes]);
            while (true)
            {
                try
                {
                    if (!QmuxFramer.TryRead(ref all, out var frame))
                    {
                        break;
                    }
                    frames.Add(QmuxFramer.Write(frame));
                }
                catch (QmiProtocolException error)
                {
                    // Drop what cannot be a frame, so the next write starts clean instead of failing too.
                    unsent = [];
                    throw new IOException($"{device.Options.Name}: QMI over MBIM: the QMI client wrote bytes that are not a QMUX frame: {error.Message}", error);
                }
            }
            unsent = all.ToArray();
        }
        foreach (var frame in frames)
        {
            _ = device.ForwardQmiAsync(this, frame);
        }
    }
}
