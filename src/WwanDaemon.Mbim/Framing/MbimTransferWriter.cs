namespace WwanDaemon.Mbim.Framing;

/// <summary>
/// Writes the transfers of one message to the shared stream, one write per transfer (cdc-wdm sends
/// each write as one control transfer), and never interleaves two messages' fragments (MBIM 1.0 §9.5).
/// The host-side client and the simulated device both write through it.
/// </summary>
public sealed class MbimTransferWriter(Stream stream) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Writes every transfer of one message, in order, before any other message's.</summary>
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
