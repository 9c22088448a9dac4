namespace WwanDaemon.Simulator.Mbim;

/// <summary>
/// Writes the transfers of one MBIM message to the shared stream together, so responses,
/// notifications and tunnelled QMI answers written from several threads never interleave their
/// fragments (hosts collect one fragmented message at a time).
/// </summary>
internal sealed class TransferWriter(Stream stream) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task WriteAsync(IReadOnlyList<byte[]> transfers, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Once started, a message is written whole: half a message would desynchronise the host.
            foreach (var transfer in transfers)
            {
                await stream.WriteAsync(transfer, CancellationToken.None).ConfigureAwait(false);
                await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
