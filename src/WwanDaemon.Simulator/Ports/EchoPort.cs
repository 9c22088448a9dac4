namespace WwanDaemon.Simulator.Ports;

/// <summary>
/// Sends every byte it receives straight back: no protocol, so tests of the transport (pseudo-terminal,
/// symlink, signals) need no modem behaviour to check their bytes.
/// </summary>
public sealed class EchoPort : ISimulatedPort
{
    /// <inheritdoc />
    public async Task ServeAsync(Stream port, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        int count;
        while ((count = await port.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            await port.WriteAsync(buffer.AsMemory(0, count), cancellationToken).ConfigureAwait(false);
        }
    }
}
