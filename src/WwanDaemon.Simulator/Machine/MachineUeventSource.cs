using System.Runtime.CompilerServices;
using System.Threading.Channels;
using WwanDaemon.Linux.Uevents;

namespace WwanDaemon.Simulator.Machine;

/// <summary>
/// The simulated kernel's uevents: every reader gets every event raised after it called
/// <see cref="ReadAsync"/> (as every netlink socket bound to the kernel group does), in order.
/// </summary>
internal sealed class MachineUeventSource : IUeventSource
{
    private readonly Lock gate = new();
    private readonly List<Channel<Uevent>> readers = [];
    private bool disposed;

    /// <summary>Delivers <paramref name="uevent"/> to every current reader.</summary>
    public void Raise(Uevent uevent)
    {
        lock (gate)
        {
            foreach (var reader in readers)
            {
                reader.Writer.TryWrite(uevent);
            }
        }
    }

    /// <inheritdoc />
    /// <remarks>The subscription starts when this is called, not at the first MoveNextAsync, so no event raised in between is lost.</remarks>
    public IAsyncEnumerable<Uevent> ReadAsync(CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<Uevent>(new UnboundedChannelOptions { SingleReader = true });
        lock (gate)
        {
            if (disposed)
            {
                channel.Writer.Complete();
            }
            else
            {
                readers.Add(channel);
            }
        }
        return ReadChannelAsync(channel, cancellationToken);
    }

    private async IAsyncEnumerable<Uevent> ReadChannelAsync(Channel<Uevent> channel, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var uevent))
                {
                    yield return uevent;
                }
            }
        }
        finally
        {
            lock (gate)
            {
                readers.Remove(channel);
            }
        }
    }

    /// <summary>Ends every reader's enumeration.</summary>
    public ValueTask DisposeAsync()
    {
        lock (gate)
        {
            disposed = true;
            foreach (var reader in readers)
            {
                reader.Writer.TryComplete();
            }
        }
        return ValueTask.CompletedTask;
    }
}
