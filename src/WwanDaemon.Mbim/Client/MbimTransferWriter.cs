namespace WwanDaemon.Mbim.Client;

/// <summary>
/// Writes the transfers of one message to the shared stream, one write per transfer (cdc-wdm sends
/// each write as one control transfer), and never interleaves two messages' fragments (MBIM 1.0 §9.5).
/// </summary>
internal sealed class MbimTransferWriter(Stream stream) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task WriteAsync(IReadOnlyList<byte[]> transfers, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Once started, a message is written whole: a cut-off message would leave the peer
            // waiting for fragments that never come.
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
