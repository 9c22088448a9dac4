using System.Text;
using WwanDaemon.At.Lines;

namespace WwanDaemon.At.Tests;

/// <summary>
/// The modem side of an in-memory link, driven by the test: reads the host's command lines and
/// writes whatever bytes the test scripts, so echo, URCs, noise and unplugging happen exactly where wanted.
/// </summary>
internal sealed class ScriptedPeer(Stream device) : IAsyncDisposable
{
    private readonly AtLineAssembler assembler = new();
    private readonly Queue<string> received = new();

    /// <summary>The next command line the host sent (without CR).</summary>
    public async Task<string> ReadCommandAsync(TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(5));
        var buffer = new byte[256];
        while (received.Count == 0)
        {
            var read = await device.ReadAsync(buffer, limit.Token);
            if (read == 0)
            {
                throw new EndOfStreamException("the host closed the link");
            }
            foreach (var line in assembler.Feed(buffer.AsSpan(0, read)))
            {
                received.Enqueue(line.Text);
            }
        }
        return received.Dequeue();
    }

    public async Task SendAsync(string wire)
    {
        await device.WriteAsync(Encoding.UTF8.GetBytes(wire));
        await device.FlushAsync();
    }

    /// <summary>Sends raw bytes one at a time, as a slow tty would.</summary>
    public async Task TrickleAsync(string wire)
    {
        foreach (var b in Encoding.UTF8.GetBytes(wire))
        {
            await device.WriteAsync(new[] { b });
            await device.FlushAsync();
        }
    }

    /// <summary>Pulls the plug: the host's reads end.</summary>
    public ValueTask UnplugAsync() => device.DisposeAsync();

    public ValueTask DisposeAsync() => device.DisposeAsync();
}
