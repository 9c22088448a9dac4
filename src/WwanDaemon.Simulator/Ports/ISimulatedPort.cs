namespace WwanDaemon.Simulator.Ports;

/// <summary>
/// The device side of a simulated modem port: it reads what the host sends and writes what the
/// modem would answer. The transport (a pseudo-terminal for wwan-sim, a pipe in tests) is the caller's.
/// </summary>
public interface ISimulatedPort
{
    /// <summary>Serves <paramref name="port"/> until it ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="port">The device end of the link: reads are host requests, writes are modem replies.</param>
    /// <param name="cancellationToken">Stops serving; implementations may end with <see cref="OperationCanceledException"/>.</param>
    Task ServeAsync(Stream port, CancellationToken cancellationToken);
}
