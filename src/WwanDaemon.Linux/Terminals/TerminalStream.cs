using System.Runtime.InteropServices;
using System.Threading.Channels;
using Microsoft.Win32.SafeHandles;

namespace WwanDaemon.Linux.Terminals;

/// <summary>
/// A non-blocking terminal descriptor (a pty master, a /dev/ttyUSBN opened by <see cref="SerialPort"/>,
/// a cdc-wdm device) as a <see cref="Stream"/>. FileStream would do its async reads as blocking read()
/// calls on pool threads that nothing can cancel, so instead one dedicated thread waits in poll() on the
/// descriptor and an eventfd that Dispose signals, and hands what it reads to a bounded channel that
/// ReadAsync awaits with the caller's token. One reader and one writer at a time, as for any Stream.
/// <para>
/// Hang-up: when the device goes away (USB unplug, reset; for a pty slave, the master closing) Linux
/// hangs the tty up: poll() reports POLLHUP|POLLERR, read() returns 0 or fails with EIO, write() fails
/// with EIO (drivers/tty/tty_io.c, hung_up_tty_fops; cdc-wdm answers ENODEV). The reader thread sees it
/// at once (poll waits on the descriptor itself, no timeout involved), hands over the bytes that came
/// before it, and then every pending and later read and write fails with <see cref="PortGoneException"/>
/// naming the device. Nothing escapes the reader thread: every failure ends up in the channel.
/// Dispose, by contrast, ends pending reads at end of stream (0).
/// </para>
/// </summary>
internal sealed class TerminalStream : Stream
{
    private const int ChunkSize = 4096;

    // Enough to keep a slow consumer fed; beyond it the reader thread stops reading and the tty's own
    // buffer fills, which blocks the other side's writes as a real serial port would.
    private const int ChunksBuffered = 16;

    // Writes only wait when the other side has left 4 KiB+ unread in the tty's queue.
    private static readonly TimeSpan WriteRetryDelay = TimeSpan.FromMilliseconds(5);

    private readonly SafeFileHandle device;
    private readonly SafeFileHandle wake;
    private readonly string name;
    // Not SingleReader: DiscardBufferedInput may drain while a ReadAsync waits.
    private readonly Channel<byte[]> received = Channel.CreateBounded<byte[]>(
        new BoundedChannelOptions(ChunksBuffered) { SingleReader = false, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread reader;
    private ReadOnlyMemory<byte> pending;
    private int disposed;
    private string? goneBecause;
    private readonly bool ownsHandle;

    private enum Readiness
    {
        Ready,
        HungUp,
        Stopping,
    }

    /// <param name="device">The non-blocking descriptor to read and write.</param>
    /// <param name="name">Names the device in errors (its path).</param>
    /// <param name="ownsHandle">Close the descriptor when the stream is disposed (for <see cref="CharacterDevice"/>).</param>
    public TerminalStream(SafeFileHandle device, string name, bool ownsHandle = false)
    {
        this.device = device;
        this.name = name;
        this.ownsHandle = ownsHandle;
        var wakeFd = LibC.Eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        if (wakeFd < 0)
        {
            throw LibC.LastFailure("eventfd");
        }
        wake = new SafeFileHandle(wakeFd, ownsHandle: true);
        reader = new Thread(ReaderLoop) { IsBackground = true, Name = "tty " + name };
        reader.Start();
    }

    /// <summary>Why the device is gone (how the hang-up showed), or null while it is there.</summary>
    public string? GoneBecause => Volatile.Read(ref goneBecause);

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
        // WaitToReadAsync rethrows the reader thread's PortGoneException, and returns false once disposed.
        while (!TryTakeChunk())
        {
            if (!await received.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }
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
        while (!TryTakeChunk())
        {
            if (!received.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                return 0;
            }
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
                switch (WaitFor(LibC.POLLOUT))
                {
                    case Readiness.Stopping:
                        throw new ObjectDisposedException(name);
                    case Readiness.HungUp:
                        throw MarkGone("poll reported a hang-up while writing");
                }
                continue;
            }
            buffer = buffer[written..];
        }
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Nothing to do: written bytes are in the tty's queue (or the driver's) when write() returns.</summary>
    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A terminal cannot seek.");

    public override void SetLength(long value) => throw new NotSupportedException("A terminal has no length.");

    /// <summary>
    /// Drops what the reader thread has read but nobody has consumed yet (for a flush of the input queue,
    /// after the kernel's own queue was flushed). Bytes already handed to a reader are not taken back.
    /// </summary>
    public void DiscardBufferedInput()
    {
        while (received.Reader.TryRead(out _))
        {
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref disposed, 1) == 0)
        {
            Signal(wake);
            stopping.Cancel();
            // Join before the owner closes the descriptor, so poll() never sees a closed (or reused) one.
            reader.Join();
            wake.Dispose();
            stopping.Dispose();
            if (ownsHandle)
            {
                device.Dispose();
            }
        }
        base.Dispose(disposing);
    }

    /// <summary>True when there are bytes in <see cref="pending"/>, taking the next chunk if needed.</summary>
    private bool TryTakeChunk()
    {
        if (pending.IsEmpty && received.Reader.TryRead(out var chunk))
        {
            pending = chunk;
        }
        return !pending.IsEmpty;
    }

    private int TakePending(Span<byte> buffer)
    {
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
            while (true)
            {
                var readiness = WaitFor(LibC.POLLIN);
                if (readiness == Readiness.Stopping)
                {
                    break;
                }
                // On a hang-up Linux also reports POLLIN (a read returns 0), but a driver may report only
                // POLLHUP or POLLERR: read once anyway so bytes that came before the hang-up are kept.
                var count = TryRead(buffer);
                if (count > 0)
                {
                    // Blocks this dedicated thread, never a pool thread, while the consumer is behind.
                    received.Writer.WriteAsync(buffer.AsSpan(0, count).ToArray(), stopping.Token).AsTask().GetAwaiter().GetResult();
                }
                else if (count == 0)
                {
                    throw MarkGone("read returned end of file: the tty was hung up");
                }
                else if (readiness == Readiness.HungUp)
                {
                    throw MarkGone("poll reported POLLHUP/POLLERR");
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

    /// <summary>Waits in poll() until the descriptor is ready for <paramref name="events"/>, hangs up, or the stream is disposed.</summary>
    private unsafe Readiness WaitFor(short events)
    {
        var added = false;
        device.DangerousAddRef(ref added);
        try
        {
            var fds = stackalloc LibC.PollFd[2];
            fds[0] = new LibC.PollFd { Fd = (int)device.DangerousGetHandle(), Events = events };
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
                    return Readiness.Stopping;
                }
                return (fds[0].Revents & (LibC.POLLHUP | LibC.POLLERR | LibC.POLLNVAL)) != 0 ? Readiness.HungUp : Readiness.Ready;
            }
        }
        finally
        {
            device.DangerousRelease();
        }
    }

    /// <summary>Bytes read, 0 at end of file (hung up), or -1 when there was nothing after all (EAGAIN, EINTR).</summary>
    private unsafe int TryRead(byte[] buffer)
    {
        fixed (byte* bytes = buffer)
        {
            var count = LibC.Read(device, bytes, (nuint)buffer.Length);
            return count >= 0 ? (int)count : Retry("read", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Bytes written, or -1 when the queue is full (EAGAIN) or a signal interrupted (EINTR).</summary>
    private unsafe int TryWrite(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed != 0, this);
        if (GoneBecause is { } because)
        {
            throw new PortGoneException(name, because);
        }
        fixed (byte* bytes = buffer)
        {
            var count = LibC.Write(device, bytes, (nuint)buffer.Length);
            return count >= 0 ? (int)count : Retry("write", Marshal.GetLastPInvokeError());
        }
    }

    private int Retry(string operation, int errno) => errno switch
    {
        LibC.EAGAIN or LibC.EINTR => -1,
        // EIO: a hung-up tty (or a pty whose other side closed); ENODEV, ENXIO: the driver let go of the device.
        LibC.EIO or LibC.ENODEV or LibC.ENXIO => throw MarkGone($"{operation} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno),
        _ => throw LibC.Failure($"{operation} on {name}", errno),
    };

    /// <summary>Remembers the first way the hang-up showed, so later reads and writes report the same.</summary>
    private PortGoneException MarkGone(string because, int errno = 0)
    {
        Interlocked.CompareExchange(ref goneBecause, because, null);
        return new PortGoneException(name, GoneBecause!, errno);
    }

    private static unsafe void Signal(SafeFileHandle eventFd)
    {
        // An eventfd counter is written as one native 8-byte integer (eventfd(2)).
        ulong one = 1;
        _ = LibC.Write(eventFd, (byte*)&one, sizeof(ulong));
    }
}
