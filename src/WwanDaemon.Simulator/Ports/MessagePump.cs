using System.Buffers;
using System.IO.Pipelines;

namespace WwanDaemon.Simulator.Ports;

/// <summary>
/// Cuts one whole message off the front of <paramref name="buffer"/> (advancing it), or returns false
/// when the bytes there are not a whole message yet.
/// </summary>
internal delegate bool MessageCutter<TMessage>(ref ReadOnlySequence<byte> buffer, out TMessage message);

/// <summary>
/// The read side of every simulated control port: reads what the host writes, hands each whole
/// message on in order (a message split across reads waits for its rest), and returns when the host
/// closes its end.
/// </summary>
internal static class MessagePump
{
    public static async Task RunAsync<TMessage>(
        PipeReader reader, MessageCutter<TMessage> cut, Func<TMessage, CancellationToken, Task> handle, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = read.Buffer;
            while (cut(ref buffer, out var message))
            {
                await handle(message, cancellationToken).ConfigureAwait(false);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
            if (read.IsCompleted)
            {
                return;
            }
        }
    }
}
