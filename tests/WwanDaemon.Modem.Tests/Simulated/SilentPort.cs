using WwanDaemon.Simulator.Ports;

namespace WwanDaemon.Modem.Tests.Simulated;

/// <summary>A port that reads everything and never answers (seed 002's qcserial ttys, a DIAG port waiting for HDLC).</summary>
public sealed class SilentPort : ISimulatedPort
{
    private long bytesHeard;

    /// <summary>Bytes the host wrote to the port.</summary>
    public long BytesHeard => Interlocked.Read(ref bytesHeard);

    public async Task ServeAsync(Stream port, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        int count;
        while ((count = await port.ReadAsync(buffer, cancellationToken)) > 0)
        {
            Interlocked.Add(ref bytesHeard, count);
        }
    }
}
