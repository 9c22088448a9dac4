using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace WwanDaemon.Linux.Uevents;

/// <summary>
/// A uevent source fed by code: a simulated kernel (or a test) calls <see cref="Publish(Uevent)"/> after it
/// changes its fake sysfs tree, and the reader sees the events in order, as from the netlink socket.
/// </summary>
public sealed class QueuedUeventSource : IUeventSource
{
    private readonly Channel<Uevent> queue = Channel.CreateUnbounded<Uevent>();

    /// <summary>Queues <paramref name="uevent"/>; false once the source is disposed.</summary>
    public bool Publish(Uevent uevent) => queue.Writer.TryWrite(uevent);

    /// <summary>Queues an event built from its parts (properties default to none besides the action, path and subsystem).</summary>
    public bool Publish(UeventAction action, string devPath, string subsystem, IReadOnlyDictionary<string, string>? properties = null) =>
        Publish(new Uevent(action, devPath, subsystem, properties ?? new Dictionary<string, string>(StringComparer.Ordinal)));

    public async IAsyncEnumerable<Uevent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (queue.Reader.TryRead(out var uevent))
            {
                yield return uevent;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
