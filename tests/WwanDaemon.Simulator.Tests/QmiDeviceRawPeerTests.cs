using WwanDaemon.Qmi.Client;
using WwanDaemon.Qmi.Declarations;
using WwanDaemon.Qmi.Framing;
using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Links;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// The client against a scripted peer that writes exact bytes: interleaved indications, unknown
/// transaction ids, garbage, zero-length strings. Never a crash or a hang.
/// </summary>
public sealed class QmiDeviceRawPeerTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly Stream host;
    private readonly Stream peer;

    public QmiDeviceRawPeerTests() => (host, peer) = InMemoryLink.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    // xUnit v2 calls IAsyncLifetime.DisposeAsync on test classes, never IAsyncDisposable.
    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await peer.DisposeAsync();
    }

    private static byte[] Frame(int service, byte client, ushort transaction, ushort message, QmiMessageKind kind, params QmiField[] tlvs) =>
        QmuxFramer.Write(QmiMessageCodec.Encode(QmiMessageInterpreter.Encode(QmiDeclarations.Embedded, service, client, transaction, message, kind, tlvs)));

    /// <summary>Reads the next request the client wrote.</summary>
    private async Task<QmiMessage> NextRequestAsync()
    {
        var header = new byte[3];
        await peer.ReadExactlyAsync(header);
        var rest = new byte[header[1] | (header[2] << 8)];
        await peer.ReadExactlyAsync(rest.AsMemory(0, rest.Length - 2));
        byte[] frame = [.. header, .. rest[..^2]];
        return QmiMessageCodec.Decode(QmuxFramer.ReadSingle(frame));
    }

    private async Task<QmiDevice> OpenAsync() =>
        await QmiDevice.OpenAsync(host, new QmiDeviceOptions { SyncOnOpen = false, RequestTimeout = TimeSpan.FromSeconds(30) });

    [Fact]
    public async Task InterleavedIndicationsGarbageAndUnknownTransactions_TheRightResponseStillArrives()
    {
        await using var device = await OpenAsync();
        var request = device.RequestAsync("dms", 1, "Get Model", []);
        var sent = await NextRequestAsync();
        var indication = Frame(3, 1, 7, 0x0024, QmiMessageKind.Indication,
            new QmiField("Serving System", new QmiStruct([
                new("Registration State", new QmiInteger(2)), new("CS Attach State", new QmiInteger(2)), new("PS Attach State", new QmiInteger(2)),
                new("Selected Network", new QmiInteger(0)), new("Radio Interfaces", new QmiArray([]))])));

        await peer.WriteAsync(indication);                                                              // an indication first
        await peer.WriteAsync(new byte[] { 0x00, 0x13, 0x37 });                                         // garbage between frames
        await peer.WriteAsync(Frame(2, 1, 999, 0x0022, QmiMessageKind.Response, new QmiField("Model", new QmiString("wrong")))); // unknown transaction
        var response = Frame(2, 1, sent.TransactionId, 0x0022, QmiMessageKind.Response, new QmiField("Model", new QmiString("right")));
        await peer.WriteAsync(response.AsMemory(0, 5));                                                 // the real answer, split
        await peer.WriteAsync(response.AsMemory(5));

        Assert.Equal("right", (await request)["Model"]!.AsString());
        Assert.Equal(1, device.UnmatchedResponses);
        Assert.Equal(3, device.MalformedFrames); // one per garbage byte skipped
    }

    [Fact]
    public async Task ZeroLengthString_IsAnEmptyValueNotAnError()
    {
        await using var device = await OpenAsync();
        var request = device.RequestAsync("dms", 1, "Get Revision", []);
        var sent = await NextRequestAsync();

        await peer.WriteAsync(Frame(2, 1, sent.TransactionId, 0x0023, QmiMessageKind.Response, new QmiField("Revision", new QmiString(""))));

        Assert.Equal("", (await request)["Revision"]!.AsString());
    }

    [Fact]
    public async Task ResponseWithOverrunningTlv_FailsItsRequestAtOnceWithTheReason()
    {
        await using var device = await OpenAsync();
        var request = device.RequestAsync("dms", 1, "Get Model", []);
        var sent = await NextRequestAsync();
        var response = Frame(2, 1, sent.TransactionId, 0x0022, QmiMessageKind.Response, new QmiField("Model", new QmiString("x")));
        response[^3] = 0x40; // the Model TLV (type, length 2 bytes, "x") now claims 64 bytes

        await peer.WriteAsync(response);

        var error = await Assert.ThrowsAsync<WwanDaemon.Qmi.QmiProtocolException>(() => request).WaitAsync(TimeSpan.FromSeconds(10)); // "at once": well before the 30 s request timeout
        Assert.Contains("DMS Get Model: the modem's answer is malformed", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, device.MalformedFrames);
    }

    [Fact]
    public async Task PeerClosing_FailsTheWaitingRequestAtOnce()
    {
        await using var device = await OpenAsync();
        var request = device.RequestAsync("dms", 1, "Get Model", []);
        await NextRequestAsync();

        await peer.DisposeAsync();

        var error = await Assert.ThrowsAsync<IOException>(() => request);
        Assert.Contains("closed before the modem answered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestAfterThePeerClosed_FailsAtOnce()
    {
        await using var device = await OpenAsync();
        await peer.DisposeAsync();
        // The read loop notices the close on its own thread; wait for that (bounded) instead of sleeping.
        for (var i = 0; i < 500 && !device.IsClosed; i++)
        {
            await Task.Delay(20);
        }

        var error = await Assert.ThrowsAsync<IOException>(() => device.RequestAsync("dms", 1, "Get Model", [])).WaitAsync(TimeSpan.FromSeconds(10)); // "at once": well before the 30 s request timeout

        Assert.Contains("closed before the modem answered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StrayBytesThatLookLikeAHugeFrame_DoNotSwallowTheAnswer()
    {
        await using var device = await OpenAsync();
        var request = device.RequestAsync("dms", 1, "Get Model", []);
        var sent = await NextRequestAsync();

        await peer.WriteAsync(new byte[] { 0x01, 0xff, 0xff });
        await peer.WriteAsync(Frame(2, 1, sent.TransactionId, 0x0022, QmiMessageKind.Response, new QmiField("Model", new QmiString("right"))));

        Assert.Equal("right", (await request)["Model"]!.AsString());
    }

    [Fact]
    public async Task Cancellation_EndsTheWaitWithoutATimeout()
    {
        await using var device = await OpenAsync();
        using var cancel = new CancellationTokenSource();
        var request = device.RequestAsync("dms", 1, "Get Model", [], cancel.Token);
        await NextRequestAsync();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
    }
}
