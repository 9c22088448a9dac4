using WwanDaemon.Mbim.Client;
using WwanDaemon.Mbim.Declarations;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Mbim.Tests;

/// <summary>The MBIM client against a scripted peer over an in-memory link: never a crash or a hang.</summary>
public sealed class MbimDeviceTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly MbimDeclarations Declarations = MbimDeclarations.Embedded;
    private readonly Stream host;
    private readonly Stream peerStream;
    private readonly ScriptedMbimPeer peer;

    public MbimDeviceTests()
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

    private async Task<MbimDevice> OpenAsync(TimeSpan? timeout = null)
    {
        var opening = MbimDevice.OpenAsync(host, new MbimDeviceOptions { Name = "test port", RequestTimeout = timeout ?? TimeSpan.FromSeconds(5) });
        await peer.AcceptOpenAsync();
        return await opening;
    }

    private static QmiField[] RadioState(long hw, long sw) => [new("HwRadioState", new QmiInteger(hw)), new("SwRadioState", new QmiInteger(sw))];

    [Fact]
    public async Task Open_SendsOpenWithMaxControlTransfer_AndCompletesOnOpenDone()
    {
        var opening = MbimDevice.OpenAsync(host, new MbimDeviceOptions { MaxControlTransfer = 2048 });
        var open = await peer.AcceptOpenAsync();

        await using var device = await opening;
        Assert.Equal(2048u, open.MaxControlTransfer);
        Assert.NotEqual(0u, open.TransactionId);
    }

    [Fact]
    public async Task Open_FailureStatus_ThrowsStatusException()
    {
        var opening = MbimDevice.OpenAsync(host);
        await peer.AcceptOpenAsync(MbimStatus.Failure);

        var error = await Assert.ThrowsAsync<MbimStatusException>(() => opening);
        Assert.Equal("Failure", error.StatusName);
    }

    [Fact]
    public async Task Query_AnsweredByTransaction_DecodesFields()
    {
        await using var device = await OpenAsync();
        var query = device.QueryAsync("basic-connect", "Radio State");
        var command = await peer.ReadAsync<MbimCommand>();
        Assert.Equal(MbimCommandType.Query, command.CommandType);
        Assert.Empty(command.InformationBuffer);

        await peer.SendAsync(new MbimCommandDone(command.TransactionId + 100, command.Service, command.Cid, 0, [])); // someone else's answer
        await peer.SendAsync(MbimMessageInterpreter.EncodeResponse(Declarations, command, MbimStatus.Success, RadioState(1, 0)));

        var answer = await query;
        Assert.Equal(1, answer["HwRadioState"]!.AsInteger());
        Assert.Equal(0, answer["SwRadioState"]!.AsInteger());
        Assert.Equal(MbimStatus.Success, answer.Status);
        Assert.Equal(1, device.UnmatchedMessages);
    }

    [Fact]
    public async Task Set_SendsDeclaredBuffer()
    {
        await using var device = await OpenAsync();
        var set = device.SetAsync("basic-connect", "Radio State", [new QmiField("RadioState", new QmiInteger(1))]);
        var command = await peer.ReadAsync<MbimCommand>();

        Assert.Equal(MbimCommandType.Set, command.CommandType);
        Assert.Equal(3u, command.Cid);
        Assert.Equal(AnnotatedHex.Parse("01 00 00 00"), command.InformationBuffer);
        await peer.SendAsync(MbimMessageInterpreter.EncodeResponse(Declarations, command, 0, RadioState(1, 1)));
        Assert.Equal(1, (await set)["SwRadioState"]!.AsInteger());
    }

    [Fact]
    public async Task FailureStatusWithBuffer_ThrowsWithDecodedResponse()
    {
        await using var device = await OpenAsync();
        var set = device.SetAsync("basic-connect", "Pin",
        [
            new QmiField("PinType", new QmiInteger(2)), new QmiField("PinOperation", new QmiInteger(0)),
            new QmiField("Pin", new QmiString("0000")), new QmiField("NewPin", new QmiString("")),
        ]);
        var command = await peer.ReadAsync<MbimCommand>();
        await peer.SendAsync(MbimMessageInterpreter.EncodeResponse(Declarations, command, MbimStatus.Failure,
            [new("PinType", new QmiInteger(2)), new("PinState", new QmiInteger(1)), new("RemainingAttempts", new QmiInteger(2))]));

        var error = await Assert.ThrowsAsync<MbimStatusException>(() => set);
        Assert.Equal(MbimStatus.Failure, error.Status);
        Assert.Equal("Failure", error.StatusName);
        Assert.Equal(2, error.Response!["RemainingAttempts"]!.AsInteger());
        Assert.Contains("test port: basic-connect Pin set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailureStatusWithoutBuffer_ThrowsWithNoFields()
    {
        await using var device = await OpenAsync();
        var query = device.QueryAsync("basic-connect", "Register State");
        var command = await peer.ReadAsync<MbimCommand>();
        await peer.SendAsync(MbimMessageInterpreter.EncodeResponse(Declarations, command, MbimStatus.SimNotInserted, []));

        var error = await Assert.ThrowsAsync<MbimStatusException>(() => query);
        Assert.Equal("SimNotInserted", error.StatusName);
        Assert.Empty(error.Response!.Fields);
    }

    [Fact]
    public async Task NoAnswer_TimesOut()
    {
        // The same timeout covers the OPEN the peer does answer: 200 ms was too short for a loaded CI machine.
        await using var device = await OpenAsync(TimeSpan.FromSeconds(3));
        var query = device.QueryAsync("basic-connect", "Device Caps");
        await peer.ReadAsync<MbimCommand>();

        var error = await Assert.ThrowsAsync<MbimTimeoutException>(() => query);
        Assert.Contains("Device Caps query", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FragmentedAnswer_IsReassembled()
    {
        await using var device = await OpenAsync();
        var query = device.QueryAsync("basic-connect", "Device Caps");
        var command = await peer.ReadAsync<MbimCommand>();
        var fields = SampleValues.For(Declarations.Find("basic-connect", "Device Caps").Command.Response!, 2);
        var done = MbimMessageInterpreter.EncodeResponse(Declarations, command, 0, fields);
        var fragments = MbimMessageCodec.Encode(done, 64);
        Assert.True(fragments.Count > 2);

        foreach (var fragment in fragments)
        {
            await peer.SendRawAsync(fragment);
        }

        Assert.Equal(fields, (await query).Fields);
    }

    [Fact]
    public async Task OutOfOrderFragments_FailTheRequestAtOnce()
    {
        await using var device = await OpenAsync();
        var query = device.QueryAsync("basic-connect", "Device Caps");
        var command = await peer.ReadAsync<MbimCommand>();
        var fields = SampleValues.For(Declarations.Find("basic-connect", "Device Caps").Command.Response!, 2);
        var fragments = MbimMessageCodec.Encode(MbimMessageInterpreter.EncodeResponse(Declarations, command, 0, fields), 64);

        await peer.SendRawAsync(fragments[0]);
        await peer.SendRawAsync(fragments[2]);

        var error = await Assert.ThrowsAsync<MbimProtocolException>(() => query);
        Assert.Equal(MbimProtocolError.FragmentOutOfSequence, error.Error);
        Assert.Equal(command.TransactionId, error.TransactionId);
        Assert.Contains("Device Caps", error.Message, StringComparison.Ordinal);

        // the port still works
        var next = device.QueryAsync("basic-connect", "Radio State");
        var second = await peer.ReadAsync<MbimCommand>();
        await peer.SendAsync(MbimMessageInterpreter.EncodeResponse(Declarations, second, 0, RadioState(1, 1)));
        Assert.Equal(1, (await next)["HwRadioState"]!.AsInteger());
    }

    [Fact]
    public async Task FunctionError_FailsItsRequestWithTheError()
    {
        await using var device = await OpenAsync();
        var query = device.QueryAsync("basic-connect", "Signal State");
        var command = await peer.ReadAsync<MbimCommand>();

        await peer.SendAsync(new MbimFunctionError(command.TransactionId, MbimProtocolError.NotOpened));

        var error = await Assert.ThrowsAsync<MbimProtocolException>(() => query);
        Assert.Equal(MbimProtocolError.NotOpened, error.Error);
        Assert.Contains("FUNCTION_ERROR NotOpened", error.Message, StringComparison.Ordinal);
        Assert.Contains("Signal State", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indications_ArriveDecoded_BetweenGarbage()
    {
        await using var device = await OpenAsync();
        await using var indications = device.IndicationsAsync().GetAsyncEnumerator();
        var fields = SampleValues.For(Declarations.Find("basic-connect", "Signal State").Command.Notification!, 0);

        await peer.SendRawAsync([0xde, 0xad, 0xbe, 0xef]);
        await peer.SendAsync(MbimMessageInterpreter.EncodeNotification(Declarations, "basic-connect", "Signal State", fields));

        Assert.True(await indications.MoveNextAsync());
        Assert.Equal("Signal State", indications.Current.Command);
        Assert.Equal(fields, indications.Current.Fields);
        Assert.True(device.MalformedTransfers > 0);
    }

    [Fact]
    public async Task Subscribe_SetsTheEventList()
    {
        await using var device = await OpenAsync();
        var subscribing = device.SubscribeAsync(new Dictionary<string, IReadOnlyList<string>>
        {
            ["basic-connect"] = ["Signal State", "Connect"],
        });
        var command = await peer.ReadAsync<MbimCommand>();
        var decoded = MbimMessageInterpreter.Decode(Declarations, command);

        Assert.Equal("Device Service Subscribe List", decoded.Command);
        var entry = Assert.Single(decoded["Events"]!.AsArray()).AsStruct();
        Assert.Equal("a289cc33-bcbb-8b4f-b6b0-133ec2aae6df", entry["DeviceServiceId"].AsString());
        Assert.Equal([11L, 12L], entry["Cids"].AsArray().Select(c => c.AsInteger()));
        await peer.SendAsync(MbimMessageInterpreter.EncodeResponse(Declarations, command, 0, decoded.Fields));
        await subscribing;
    }

    [Fact]
    public async Task Close_SendsCloseAndFailsWhatWaits()
    {
        var device = await OpenAsync();
        var waiting = device.QueryAsync("basic-connect", "Packet Statistics");
        await peer.ReadAsync<MbimCommand>();

        var closing = device.CloseAsync();
        var close = await peer.ReadAsync<MbimClose>();
        await peer.SendAsync(new MbimCloseDone(close.TransactionId, 0));
        await closing;

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
        await Assert.ThrowsAnyAsync<Exception>(() => device.QueryAsync("basic-connect", "Radio State"));
    }

    [Fact]
    public async Task PeerHangsUp_FailsWhatWaits()
    {
        await using var device = await OpenAsync();
        var waiting = device.QueryAsync("basic-connect", "Radio State");
        await peer.ReadAsync<MbimCommand>();

        await peerStream.DisposeAsync();

        await Assert.ThrowsAsync<IOException>(() => waiting);
    }
}
