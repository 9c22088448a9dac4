namespace WwanDaemon.Linux.Uevents;

/// <summary>
/// Where device events come from: the kernel's uevent netlink socket on a real machine, the simulated
/// kernel in tests and in <c>wwan-daemon --simulate</c>. Reading ends when the token fires or the source is disposed.
/// </summary>
public interface IUeventSource : IAsyncDisposable
{
    /// <summary>Events from now on, in the order the kernel sent them.</summary>
    IAsyncEnumerable<Uevent> ReadAsync(CancellationToken cancellationToken);
}
