namespace WwanDaemon.Qmi.Framing;

/// <summary>
/// Writes whole frames to a shared stream one at a time, so concurrent requests, responses and
/// indications never interleave their bytes. Used by the host-side client and the simulated device.
/// </summary>
public sealed class FrameWriter(Stream stream) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);

    public async Task WriteAsync(byte[] frame, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Once started, a frame is written whole: a write cut off by a cancellation would leave
            // half a frame that the peer reads as the start of the next one.
            await stream.WriteAsync(frame, CancellationToken.None).ConfigureAwait(false);
            await stream.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
