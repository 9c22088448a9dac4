using System.Text;
using WwanDaemon.Simulator.At;
using WwanDaemon.Simulator.Links;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>The bytes on the wire, exactly (V.250 §5.7: echo, then &lt;CR&gt;&lt;LF&gt;text&lt;CR&gt;&lt;LF&gt; per line and for the result).</summary>
public sealed class SimulatedAtPortWireTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly Stream host;
    private readonly Stream device;
    private readonly CancellationTokenSource stop = new();
    private readonly SimulatedAtPort port = new(new SimulatedModem(Profiles.Get("default")));
    private readonly Task serving;

    public SimulatedAtPortWireTests()
    {
        (host, device) = InMemoryLink.Create();
        serving = Task.Run(() => port.ServeAsync(device, stop.Token));
    }

    [Fact]
    public async Task Echo_InformationText_FinalResult_ByteExact()
    {
        await Send("AT+CGMI\r");

        Assert.Equal($"AT+CGMI\r\r\n{port.Modem.Profile.Manufacturer}\r\n\r\nOK\r\n", await Read($"AT+CGMI\r\r\n{port.Modem.Profile.Manufacturer}\r\n\r\nOK\r\n".Length));
    }

    [Fact]
    public async Task NonAtBytes_AreIgnored_LowerCaseAndCrLfWork()
    {
        // A QMUX CTL frame (a QMI probe on the wrong port), then a lower-case command ended with CR LF.
        await host.WriteAsync(new byte[] { 0x01, 0x0f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x22, 0x00, 0x04, 0x00, (byte)'\r' });
        await Send("ate0\r\n");
        await Send("AT\r");

        Assert.Equal("ate0\r\r\nOK\r\n\r\nOK\r\n", await Read("ate0\r\r\nOK\r\n\r\nOK\r\n".Length));
        Assert.Equal(1, port.LinesIgnored);
    }

    [Fact]
    public async Task CmeeVerbose_ErrorTextOnTheWire()
    {
        await Send("ATE0\r");
        await Read("ATE0\r\r\nOK\r\n".Length);
        await Send("AT+CMEE=2\r");
        await Read("\r\nOK\r\n".Length);
        await Send("AT+CPIN=\"1234\"\r");

        Assert.Equal("\r\n+CME ERROR: operation not allowed\r\n", await Read("\r\n+CME ERROR: operation not allowed\r\n".Length));
    }

    private Task Send(string text) => host.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    private async Task<string> Read(int count)
    {
        var buffer = new byte[count];
        await host.ReadExactlyAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        return Encoding.ASCII.GetString(buffer);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    // xUnit v2 calls IAsyncLifetime.DisposeAsync on test classes, never IAsyncDisposable.
    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await serving;
        }
        catch (OperationCanceledException)
        {
            // stopping is how serving ends
        }
        await host.DisposeAsync();
        await device.DisposeAsync();
        stop.Dispose();
        port.Modem.Dispose();
        Assert.Equal(0, port.HandlerFailures);
    }
}
