using System.Text;
using System.Threading.Channels;

namespace WwanDaemon.Simulator.At;

/// <summary>
/// Everything the port writes goes through here, one piece at a time, so an answer and a URC never
/// interleave inside a line. URCs wait in a queue that a loop of their own drains: they go out as
/// they happen, also while a command is still being answered.
/// </summary>
internal sealed class AtPortWriter(Stream port) : IDisposable
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);
    private readonly Channel<string> unsolicited = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public void QueueUnsolicited(string line) => unsolicited.Writer.TryWrite(line);

    public void Complete() => unsolicited.Writer.TryComplete();

    public void Dispose() => oneAtATime.Dispose();

    public async Task WriteAsync(string text, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await oneAtATime.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await port.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await port.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    /// <summary>Writes queued URCs as "&lt;CR&gt;&lt;LF&gt;line&lt;CR&gt;&lt;LF&gt;" until <see cref="Complete"/> or cancellation.</summary>
    public async Task RunUnsolicitedAsync(CancellationToken cancellationToken)
    {
        await foreach (var line in unsolicited.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            await WriteAsync($"\r\n{line}\r\n", cancellationToken).ConfigureAwait(false);
        }
    }
}
