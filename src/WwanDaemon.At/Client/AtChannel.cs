using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Channels;
using WwanDaemon.At.Commands;
using WwanDaemon.At.Lines;

namespace WwanDaemon.At.Client;

/// <summary>
/// The host side of an AT port over any duplex byte stream (a tty, a pty, an in-memory link).
/// Commands go one at a time, in the order callers asked; each waits for its final result at most
/// its timeout. One read loop cuts lines, gives each to the waiting command or, when it is an
/// unsolicited result code, to every subscriber, also in the middle of a command's response.
/// When the stream ends or fails (unplug, EIO) the waiting command fails at once with
/// <see cref="AtPortGoneException"/>, later commands fail before being sent, and subscriptions end.
/// A command that timed out leaves the channel out of step: its late answer may come before or after
/// the next command is sent, and AT has no transaction ids. A late answer arriving while no command
/// waits is counted as stray. When the modem echoes (it did for an earlier command), everything before
/// the next command's echo is stray too, so the late answer never becomes the next command's. With
/// echo off (ATE0) nothing on the wire tells them apart: a caller that saw a timeout on such a port
/// should resynchronise (send "AT") before a command whose answer matters.
/// </summary>
public sealed partial class AtChannel : IAsyncDisposable
{
    private readonly Stream stream;
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly Lock gate = new();
    private readonly List<Channel<AtUnsolicited>> subscribers = [];
    private readonly CancellationTokenSource closing = new();
    private Task readLoop = Task.CompletedTask;
    private PendingCommand? pending;
    private string? closedBecause;
    private Exception? closedBy;
    private int strayLines;
    private bool outOfStep;
    private bool modemEchoes;
    private int overlongLines;

    private AtChannel(Stream stream, AtChannelOptions options)
    {
        this.stream = stream;
        Options = options;
    }

    public AtChannelOptions Options { get; }

    /// <summary>Lines that came while no command waited and were final results (a timed-out command's late OK) or prompts.</summary>
    public int StrayLines => Volatile.Read(ref strayLines);

    /// <summary>Runs of bytes longer than an AT line that were dropped (noise, or not an AT port).</summary>
    public int OverlongLines => Volatile.Read(ref overlongLines);

    /// <summary>Why the port closed, or null while it is open.</summary>
    public string? ClosedBecause
    {
        get
        {
            lock (gate)
            {
                return closedBecause;
            }
        }
    }

    /// <summary>Starts reading <paramref name="stream"/>. The stream stays the caller's to dispose.</summary>
    public static AtChannel Open(Stream stream, AtChannelOptions? options = null)
    {
        var channel = new AtChannel(stream, options ?? new AtChannelOptions());
        channel.readLoop = Task.Run(channel.ReadLoopAsync, CancellationToken.None);
        return channel;
    }

    /// <summary>
    /// Sends <paramref name="command"/> once the commands before it are done and returns its answer.
    /// ERROR, +CME ERROR and the like are answers (see <see cref="AtResponse.EnsureOk"/>).
    /// </summary>
    /// <exception cref="AtTimeoutException">No final result within the command's timeout.</exception>
    /// <exception cref="AtPortGoneException">The port closed before or while the command waited.</exception>
    /// <exception cref="ObjectDisposedException">The channel was disposed.</exception>
    public async Task<AtResponse> SendAsync(AtCommand command, CancellationToken cancellationToken = default)
    {
        var timeout = command.Timeout ?? Options.CommandTimeout;
        await oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        var waiting = new PendingCommand(command);
        try
        {
            lock (gate)
            {
                if (closedBecause is { } reason)
                {
                    throw closing.IsCancellationRequested
                        ? new ObjectDisposedException(Options.Name, $"{Options.Name}: {command.Text}: the AT channel was closed")
                        : new AtPortGoneException(Options.Name, command.Text, reason, closedBy);
                }
                pending = waiting;
            }
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, closing.Token);
            limit.CancelAfter(timeout);
            try
            {
                await stream.WriteAsync(Encoding.ASCII.GetBytes(command.Text + "\r"), limit.Token).ConfigureAwait(false);
                await stream.FlushAsync(limit.Token).ConfigureAwait(false);
                return await waiting.Completion.Task.WaitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && !closing.IsCancellationRequested)
            {
                lock (gate)
                {
                    outOfStep = true;
                }
                throw new AtTimeoutException(Options.Name, command.Text, timeout);
            }
            catch (OperationCanceledException) when (closing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new ObjectDisposedException(Options.Name, $"{Options.Name}: {command.Text}: the AT channel was closed before the modem answered");
            }
            catch (Exception error) when (error is IOException and not AtPortGoneException || error is ObjectDisposedException && !closing.IsCancellationRequested)
            {
                throw new AtPortGoneException(Options.Name, command.Text, $"writing failed: {error.Message}", error);
            }
        }
        finally
        {
            lock (gate)
            {
                if (ReferenceEquals(pending, waiting))
                {
                    pending = null;
                }
            }
            oneAtATime.Release();
        }
    }

    /// <summary>
    /// Unsolicited result codes from now on, until the port closes or <paramref name="cancellationToken"/>
    /// fires. Each call is its own subscription; a subscriber that falls behind loses the oldest URCs.
    /// </summary>
    public IAsyncEnumerable<AtUnsolicited> UnsolicitedAsync(CancellationToken cancellationToken = default)
    {
        var subscription = Channel.CreateBounded<AtUnsolicited>(new BoundedChannelOptions(Options.UnsolicitedCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (gate)
        {
            if (closedBecause is null)
            {
                subscribers.Add(subscription);
            }
            else
            {
                subscription.Writer.TryComplete();
            }
        }
        return ReadSubscriptionAsync(subscription, cancellationToken);
    }

    private async IAsyncEnumerable<AtUnsolicited> ReadSubscriptionAsync(Channel<AtUnsolicited> subscription, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var unsolicited in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return unsolicited;
            }
        }
        finally
        {
            lock (gate)
            {
                subscribers.Remove(subscription);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (closing.IsCancellationRequested)
        {
            return;
        }
        await closing.CancelAsync().ConfigureAwait(false);
        await readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        // closing and oneAtATime are deliberately not disposed: a command ending now still releases the
        // semaphore in its finally, a queued one still has to take it and fail with the channel's name,
        // and later callers must get that ObjectDisposedException rather than the semaphore's own (or a
        // wait that never ends). Neither holds anything but managed memory (no wait handle, no timer).
    }

    private sealed class PendingCommand(AtCommand command)
    {
        public AtCommand Command { get; } = command;

        public List<string> Lines { get; } = [];

        /// <summary>The echo comes before anything else or not at all (ATE0).</summary>
        public bool EchoPossible { get; set; } = true;

        public bool EchoSeen { get; set; }

        public TaskCompletionSource<AtResponse> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
