using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace WwanDaemon.Linux.Terminals;

/// <summary>
/// The master side of a <see cref="PseudoTerminal"/> as a <see cref="Stream"/>. FileStream would do
/// its async reads as blocking read() calls on pool threads that nothing can cancel, so instead one
/// dedicated thread waits in poll() on the (non-blocking) master and an eventfd that Dispose signals,
/// and hands what it reads to a bounded channel that ReadAsync awaits with the caller's token.
/// One reader and one writer at a time, as for any Stream.
/// </summary>
internal sealed class PseudoTerminalStream : Stream
{
    private const int ChunkSize = 4096;

    // Enough to keep a slow consumer fed; beyond it the reader thread stops reading and the pty's own
    // buffer fills, which blocks the client's writes as a real serial port would.
    private const int ChunksBuffered = 16;

    // Writes only wait when the client has left 4 KiB+ unread in the slave's input queue.
    private static readonly TimeSpan WriteRetryDelay = TimeSpan.FromMilliseconds(5);

    private readonly SafeFileHandle master;
    private readonly SafeFileHandle wake;
    private readonly string name;
    private readonly Channel<byte[]> received = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(ChunksBuffered) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread reader;
    private ReadOnlyMemory<byte> pending;
    private int disposed;
    private readonly bool ownsHandle;

    /// <param name="master">The descriptor to read and write (a pty master, or any character device opened non-blocking).</param>
    /// <param name="name">Names the device in errors.</param>
    /// <param name="ownsHandle">Close the descriptor when the stream is disposed (for <see cref="CharacterDevice"/>).</param>
    public PseudoTerminalStream(SafeFileHandle master, string name, bool ownsHandle = false)
    {
        this.master = master;
        this.name = name;
        this.ownsHandle = ownsHandle;
        var wakeFd = LibC.Eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (wakeFd < 0)
        {
            throw LibC.LastFailure("eventfd");
        }
        wake = new SafeFileHandle(wakeFd, ownsHandle: true);
        reader = new Thread(ReaderLoop) { IsBackground = true, Name = "pty " + name };
        reader.Start();
    }

    public override bool CanRead => Volatile.Read(ref disposed) == 0;

    public override bool CanWrite => Volatile.Read(ref disposed) == 0;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException("A terminal has no length.");

    public override long Position
    {
        get => throw new NotSupportedException("A terminal has no position.");
        set => throw new NotSupportedException("A terminal has no position.");
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }
        // WaitToReadAsync rethrows the reader thread's IOException, and returns false once disposed.
        if (pending.IsEmpty && !await received.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return 0;
        }
        return TakePending(buffer.Span);
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }
        if (pending.IsEmpty && !received.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            return 0;
        }
        return TakePending(buffer);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var written = TryWrite(buffer.Span);
            if (written < 0)
            {
                await Task.Delay(WriteRetryDelay, cancellationToken).ConfigureAwait(false);
                continue;
            }
            buffer = buffer[written..];
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            var written = TryWrite(buffer);
            if (written < 0)
            {
                WaitFor(LibC.POLLOUT);
                continue;
            }
            buffer = buffer[written..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Nothing to do: a write to the master is in the slave's input queue when write() returns.</summary>
    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A terminal cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A terminal has no length.");

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref disposed, 1) == 0)
        {
            Signal(wake);
            stopping.Cancel();
            // Join before the owner closes the master, so poll() never sees a closed (or reused) descriptor.
            reader.Join();
            wake.Dispose();
            stopping.Dispose();
            if (ownsHandle)
            {
                master.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    private int TakePending(Span<byte> buffer)
    {
        if (pending.IsEmpty)
        {
            received.Reader.TryRead(out var chunk);
            pending = chunk;
        }
        var count = Math.Min(buffer.Length, pending.Length);
        pending.Span[..count].CopyTo(buffer);
        pending = pending[count..];
        return count;
    }

    private void ReaderLoop()
    {
        var buffer = new byte[ChunkSize];
        Exception? failure = null;
        try
        {
            while (WaitFor(LibC.POLLIN))
            {
                var count = TryRead(buffer);
                if (count > 0)
                {
                    // Blocks this dedicated thread, never a pool thread, while the consumer is behind.
                    received.Writer.WriteAsync(buffer.AsSpan(0, count).ToArray(), stopping.Token).AsTask().GetAwaiter().GetResult();
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            failure = error;
        }
        received.Writer.TryComplete(failure);
    }

    /// <summary>Waits in poll() until the master is ready for <paramref name="events"/>; false when hung up or disposed.</summary>
    private unsafe bool WaitFor(short events)
    {
        var added = false;
        master.DangerousAddRef(ref added);
        try
        {
            var fds = stackalloc LibC.PollFd[2];
            fds[0] = new LibC.PollFd { Fd = (int)master.DangerousGetHandle(), Events = events };
            fds[1] = new LibC.PollFd { Fd = (int)wake.DangerousGetHandle(), Events = LibC.POLLIN };
            while (true)
            {
                if (LibC.Poll(fds, 2, -1) < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == LibC.EINTR)
                    {
                        continue;
                    }
                    throw LibC.Failure($"poll on {name}", errno);
                }
                if (fds[1].Revents != 0)
                {
                    ObjectDisposedException.ThrowIf(events == LibC.POLLOUT, this);
                    return false;
                }
                // With our slave descriptor held open the master should never hang up; if it does, end the stream.
                return (fds[0].Revents & events) != 0 || (fds[0].Revents & (LibC.POLLHUP | LibC.POLLERR | LibC.POLLNVAL)) == 0;
            }
        }
        finally
        {
            master.DangerousRelease();
        }
    }

    /// <summary>Bytes read, or -1 when there was nothing after all (EAGAIN, EINTR).</summary>
    private unsafe int TryRead(byte[] buffer)
    {
        fixed (byte* bytes = buffer)
        {
            var count = LibC.Read(master, bytes, (nuint)buffer.Length);
            return count >= 0 ? (int)count : Retry("read from", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Bytes written, or -1 when the slave's input queue is full (EAGAIN) or a signal interrupted (EINTR).</summary>
    private unsafe int TryWrite(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        fixed (byte* bytes = buffer)
        {
            var count = LibC.Write(master, bytes, (nuint)buffer.Length);
            return count >= 0 ? (int)count : Retry("write to", Marshal.GetLastPInvokeError());
        }
    }

    private int Retry(string operation, int errno) =>
        errno is LibC.EAGAIN or LibC.EINTR ? -1 : throw LibC.Failure($"{operation} the pseudo-terminal master of {name}", errno);

    private static unsafe void Signal(SafeFileHandle eventFd)
    {
        // An eventfd counter is written as one native 8-byte integer (eventfd(2)).
        ulong one = 1;
        _ = LibC.Write(eventFd, (byte*)&one, sizeof(ulong));
    }
}
