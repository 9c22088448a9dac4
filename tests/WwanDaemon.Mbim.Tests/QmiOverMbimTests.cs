using WwanDaemon.Mbim.Client;
using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Client;
using WwanDaemon.Qmi.Declarations;
using WwanDaemon.Qmi.Framing;
using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Mbim.Tests;

/// <summary>The unchanged QMI client over <see cref="MbimDevice.OpenQmiTransport"/>, against a scripted MBIM peer.</summary>
public sealed class QmiOverMbimTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly Guid QmiService = new("d1a30bc2-f97a-6e43-bf65-c7e24fb0f0d3");
    private readonly Stream host;
    private readonly Stream peerStream;
    private readonly ScriptedMbimPeer peer;

    public QmiOverMbimTests()
    {
        (host, peerStream) = WwanDaemon.Simulator.Links.InMemoryLink.Create();
        peer = new ScriptedMbimPeer(peerStream);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    // xUnit v2 calls IAsyncLifetime.DisposeAsync on test classes, never IAsyncDisposable.
    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await peerStream.DisposeAsync();
    }

    private static byte[] Qmux(int service, byte client, ushort transaction, ushort message, QmiMessageKind kind, params QmiField[] tlvs) =>
        QmuxFramer.Write(QmiMessageCodec.Encode(QmiMessageInterpreter.Encode(QmiDeclarations.Embedded, service, client, transaction, message, kind, tlvs)));

    [Fact]
    public async Task DmsGetIds_TravelsAsQmiMsgSetAndBack()
    {
        var opening = MbimDevice.OpenAsync(host);
        await peer.AcceptOpenAsync();
        await using var mbim = await opening;
        await using var transport = mbim.OpenQmiTransport();
        await using var qmi = await QmiDevice.OpenAsync(transport, new QmiDeviceOptions { SyncOnOpen = false, RequestTimeout = TimeSpan.FromSeconds(5) });

        var request = qmi.RequestAsync("dms", 1, "Get IDs", []);
        var command = await peer.ReadAsync<MbimCommand>();

        Assert.Equal(QmiService, command.Service);
        Assert.Equal(1u, command.Cid);
        Assert.Equal(MbimCommandType.Set, command.CommandType);
        var decoded = MbimMessageInterpreter.Decode(MbimDeclarations.Embedded, command);
        Assert.Equal(("qmi", "Msg"), (decoded.Service, decoded.Command));
        var qmuxRequest = QmiMessageCodec.Decode(QmuxFramer.ReadSingle(((QmiBytes)decoded["QmiMsg"]!).Value));
        Assert.Equal((2, 1, (ushort)0x0025), (qmuxRequest.Service, qmuxRequest.ClientId, qmuxRequest.MessageId));

        var answer = Qmux(2, 1, qmuxRequest.TransactionId, 0x0025, QmiMessageKind.Response,
            new QmiField("Esn", new QmiString("80c1a2b3")), new QmiField("Imei", new QmiString("359225050123456")));
        await peer.SendAsync(MbimMessageInterpreter.EncodeResponse(MbimDeclarations.Embedded, command, MbimStatus.Success, [new QmiField("QMUX", new QmiBytes(answer))]));

        var response = await request;
        Assert.Equal("359225050123456", response["Imei"]!.AsString());
        // The QMUX frame is the whole buffer, unpadded (ReadSingle refuses bytes after the frame).
        Assert.Equal(QmuxFramer.Write(QmuxFramer.ReadSingle(command.InformationBuffer)), command.InformationBuffer);
    }

    [Fact]
    public async Task QmiIndication_FromIndicateStatus_ReachesTheQmiClient()
    {
        var opening = MbimDevice.OpenAsync(host);
        await peer.AcceptOpenAsync();
        await using var mbim = await opening;
        await using var transport = mbim.OpenQmiTransport();
        await using var qmi = await QmiDevice.OpenAsync(transport, new QmiDeviceOptions { SyncOnOpen = false });
        await using var indications = qmi.IndicationsAsync("nas", 1).GetAsyncEnumerator();

        var indication = Qmux(3, 1, 7, 0x0024, QmiMessageKind.Indication,
            new QmiField("Serving System", new QmiStruct([
                new("Registration State", new QmiInteger(1)), new("CS Attach State", new QmiInteger(1)), new("PS Attach State", new QmiInteger(1)),
                new("Selected Network", new QmiInteger(2)), new("Radio Interfaces", new QmiArray([new QmiInteger(8)]))])));
        await peer.SendAsync(MbimMessageInterpreter.EncodeNotification(MbimDeclarations.Embedded, "qmi", "Msg", [new QmiField("QMUX", new QmiBytes(indication))]));

        Assert.True(await indications.MoveNextAsync());
        Assert.Equal("Serving System", indications.Current.Name);
    }

    [Fact]
    public async Task SecondTransport_IsRefused()
    {
        var opening = MbimDevice.OpenAsync(host);
        await peer.AcceptOpenAsync();
        await using var mbim = await opening;
        await using var transport = mbim.OpenQmiTransport();

        Assert.Throws<InvalidOperationException>(() => mbim.OpenQmiTransport());
        await transport.DisposeAsync();
        await using var again = mbim.OpenQmiTransport();
    }
    [Fact]
    public async Task BytesThatAreNotAFrame_FailThatWriteOnly_TheNextFrameStillGoesOut()
    {
        var opening = MbimDevice.OpenAsync(host);
        await peer.AcceptOpenAsync();
        await using var mbim = await opening;
        await using var transport = mbim.OpenQmiTransport();

        var error = await Assert.ThrowsAsync<IOException>(async () => await transport.WriteAsync(new byte[] { 0x01, 0x00, 0x00, 0xff }));
        Assert.Contains("not a QMUX frame", error.Message, StringComparison.Ordinal);

        var frame = Qmux(2, 1, 5, 0x0025, QmiMessageKind.Request);
        await transport.WriteAsync(frame);
        var command = await peer.ReadAsync<MbimCommand>();
        Assert.Equal(frame, command.InformationBuffer);
    }

    [Fact]
    public async Task QmiMsgAnsweredWithAFailureStatus_IsCountedWithTheReason()
    {
        var opening = MbimDevice.OpenAsync(host);
        await peer.AcceptOpenAsync();
        await using var mbim = await opening;
        await using var transport = mbim.OpenQmiTransport();

        await transport.WriteAsync(Qmux(2, 1, 6, 0x0025, QmiMessageKind.Request));
        var command = await peer.ReadAsync<MbimCommand>();
        await peer.SendAsync(MbimMessageInterpreter.EncodeResponse(MbimDeclarations.Embedded, command, MbimStatus.NoDeviceSupport, []));

        await WaitUntilAsync(() => mbim.QmiTransportFailures == 1);
        Assert.Contains("NoDeviceSupport", mbim.LastQmiTransportFailure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QmiResponseThenIndication_ReachTheQmiSideInArrivalOrder()
    {
        var opening = MbimDevice.OpenAsync(host);
        await peer.AcceptOpenAsync();
        await using var mbim = await opening;
        await using var transport = mbim.OpenQmiTransport();

        await transport.WriteAsync(Qmux(3, 1, 9, 0x0024, QmiMessageKind.Request));
        var command = await peer.ReadAsync<MbimCommand>();
        var response = Qmux(3, 1, 9, 0x0024, QmiMessageKind.Response);
        var indication = Qmux(3, 1, 1, 0x0024, QmiMessageKind.Indication);
        await peer.SendAsync(MbimMessageInterpreter.EncodeResponse(MbimDeclarations.Embedded, command, MbimStatus.Success, [new QmiField("QMUX", new QmiBytes(response))]));
        await peer.SendAsync(MbimMessageInterpreter.EncodeNotification(MbimDeclarations.Embedded, "qmi", "Msg", [new QmiField("QMUX", new QmiBytes(indication))]));

        var received = new byte[response.Length + indication.Length];
        await transport.ReadExactlyAsync(received).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([.. response, .. indication], received);
    }

    /// <summary>Waits for a condition another thread makes true (bounded; no timing is asserted).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }
        Assert.True(condition(), "the condition did not become true within 10 s");
    }
}
