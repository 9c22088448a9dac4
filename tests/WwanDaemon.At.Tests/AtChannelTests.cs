using System.Diagnostics;
using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;
using WwanDaemon.At.Lines;
using WwanDaemon.Simulator.Links;

namespace WwanDaemon.At.Tests;

public sealed class AtChannelTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly Stream host;
    private readonly ScriptedPeer peer;
    private readonly AtChannel channel;

    public AtChannelTests()
    {
        (host, var device) = InMemoryLink.Create();
        peer = new ScriptedPeer(device);
        channel = AtChannel.Open(host, new AtChannelOptions { Name = "ttyTEST", CommandTimeout = TimeSpan.FromSeconds(5) });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    // xUnit v2 calls IAsyncLifetime.DisposeAsync on test classes, never IAsyncDisposable.
    public async Task DisposeAsync()
    {
        await channel.DisposeAsync();
        await peer.DisposeAsync();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task Send_EchoOn_EchoIsRemovedAndLinesReturned()
    {
        var response = channel.SendAsync(AtCommand.Read("+CSQ"));

        Assert.Equal("AT+CSQ?", await peer.ReadCommandAsync());
        await peer.SendAsync("AT+CSQ?\r\r\n+CSQ: 20,99\r\n\r\nOK\r\n");

        var answer = await response;
        Assert.True(answer.IsOk);
        Assert.Equal(["+CSQ: 20,99"], answer.Lines);
    }

    [Fact]
    public async Task Send_EchoOff_LinesReturned()
    {
        var response = channel.SendAsync(AtCommand.Execute("+CGMI"));

        await peer.ReadCommandAsync();
        await peer.SendAsync("\r\nQuectel\r\n\r\nOK\r\n");

        Assert.Equal(["Quectel"], (await response).Lines);
    }

    [Fact]
    public async Task Send_ResponseTrickledByteByByte_IsAssembled()
    {
        var response = channel.SendAsync(AtCommand.Read("+CPIN"));

        await peer.ReadCommandAsync();
        await peer.TrickleAsync("AT+CPIN?\r\r\n+CPIN: SIM PIN\r\n\r\nOK\r\n");

        Assert.Equal(["+CPIN: SIM PIN"], (await response).Lines);
    }

    [Fact]
    public async Task Send_UrcInTheMiddleOfAResponse_GoesToSubscribersNotToTheCommand()
    {
        await using var urcs = channel.UnsolicitedAsync().GetAsyncEnumerator();
        var response = channel.SendAsync(AtCommand.Read("+CGDCONT"));

        await peer.ReadCommandAsync();
        await peer.SendAsync("AT+CGDCONT?\r\r\n+CGDCONT: 1,\"IP\",\"internet\",\"0.0.0.0\",0,0\r\n"
            + "\r\n+CREG: 1,\"00C3\",\"0000A13B\",7\r\n\r\nRING\r\n"
            + "+CGDCONT: 2,\"IPV6\",\"ims\",\"::\",0,0\r\n\r\nOK\r\n");

        Assert.Equal(["+CGDCONT: 1,\"IP\",\"internet\",\"0.0.0.0\",0,0", "+CGDCONT: 2,\"IPV6\",\"ims\",\"::\",0,0"], (await response).Lines);
        Assert.True(await urcs.MoveNextAsync());
        Assert.Equal(("+CREG: 1,\"00C3\",\"0000A13B\",7", "+CREG:"), (urcs.Current.Line, urcs.Current.Code?.Prefix));
        Assert.True(await urcs.MoveNextAsync());
        Assert.Equal("RING", urcs.Current.Line);
    }

    [Fact]
    public async Task Send_CregDuringCregQuery_IsTheResponse()
    {
        var response = channel.SendAsync(AtCommand.Read("+CREG"));

        await peer.ReadCommandAsync();
        await peer.SendAsync("\r\n+CREG: 2,1,\"00C3\",\"0000A13B\",7\r\n\r\nOK\r\n");

        Assert.Equal(["+CREG: 2,1,\"00C3\",\"0000A13B\",7"], (await response).Lines);
    }

    [Fact]
    public async Task Send_CmeError_IsATypedAnswerAndEnsureOkThrows()
    {
        var response = channel.SendAsync(AtCommand.Set("+CPIN", AtArgument.Pin("0000")));

        await peer.ReadCommandAsync();
        await peer.SendAsync("\r\n+CME ERROR: incorrect password\r\n");

        var answer = await response;
        Assert.Equal((AtFinalResultKind.CmeError, 16), (answer.Final.Kind, answer.Final.Code));
        var error = Assert.Throws<AtCommandFailedException>(() => answer.EnsureOk("ttyTEST"));
        Assert.Contains("incorrect password", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NO CARRIER", AtFinalResultKind.NoCarrier)]
    [InlineData("CONNECT 150000000", AtFinalResultKind.Connect)]
    [InlineData("+CMS ERROR: 302", AtFinalResultKind.CmsError)]
    [InlineData("ERROR", AtFinalResultKind.Error)]
    public async Task Send_OtherFinals_AreMapped(string final, AtFinalResultKind kind)
    {
        var response = channel.SendAsync(AtCommand.Execute("D*99#"));

        await peer.ReadCommandAsync();
        await peer.SendAsync($"\r\n{final}\r\n");

        Assert.Equal(kind, (await response).Final.Kind);
    }

    [Fact]
    public async Task Send_SmsPrompt_EndsTheWaitWithPromptResult()
    {
        var response = channel.SendAsync(AtCommand.Set("+CMGS", AtArgument.Number(23)));

        await peer.ReadCommandAsync();
        await peer.SendAsync("AT+CMGS=23\r\r\n> ");

        Assert.Equal(AtFinalResultKind.SmsPrompt, (await response).Final.Kind);
    }

    [Fact]
    public async Task Send_Timeout_FailsWithinItsTimeout_AndTheLateOkIsNotGivenToTheNextCommand()
    {
        var clock = Stopwatch.StartNew();
        var first = channel.SendAsync(AtCommand.Test("+COPS").WithTimeout(TimeSpan.FromMilliseconds(200)));
        await peer.ReadCommandAsync();

        var timeout = await Assert.ThrowsAsync<AtTimeoutException>(() => first);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(150), TimeSpan.FromSeconds(3));
        Assert.Contains("ttyTEST", timeout.Message, StringComparison.Ordinal);

        await peer.SendAsync("\r\nOK\r\n"); // the first command's late answer
        await WaitUntilAsync(() => channel.StrayLines == 1);
        var second = channel.SendAsync(AtCommand.Execute("+CGMM"));
        await peer.ReadCommandAsync();
        await peer.SendAsync("\r\nEC25\r\n\r\nOK\r\n");
        Assert.Equal(["EC25"], (await second).Lines);
    }

    [Fact]
    public async Task Send_EchoOn_LateAnswerAfterTheNextCommandWasSent_IsNotTakenAsTheNextCommandsAnswer()
    {
        var warmUp = channel.SendAsync(AtCommand.Attention);
        await peer.ReadCommandAsync();
        await peer.SendAsync("AT\r\r\nOK\r\n"); // the modem echoes
        Assert.True((await warmUp).IsOk);

        var first = channel.SendAsync(AtCommand.Test("+COPS").WithTimeout(TimeSpan.FromMilliseconds(200)));
        await peer.ReadCommandAsync();
        await Assert.ThrowsAsync<AtTimeoutException>(() => first);

        var second = channel.SendAsync(AtCommand.Read("+CSQ"));
        Assert.Equal("AT+CSQ?", await peer.ReadCommandAsync());
        // The first command's whole late answer (echo, information line, OK) arrives only now.
        await peer.SendAsync("AT+COPS=?\r\r\n+COPS: (2,\"Operator\",\"Op\",\"00101\",7)\r\n\r\nOK\r\n");
        await peer.SendAsync("AT+CSQ?\r\r\n+CSQ: 20,99\r\n\r\nERROR\r\n");

        var answer = await second;
        Assert.Equal(AtFinalResultKind.Error, answer.Final.Kind);
        Assert.Equal(["+CSQ: 20,99"], answer.Lines);
        Assert.Equal(3, channel.StrayLines);
    }

    [Fact]
    public async Task Send_AfterATE0_AnswersWithoutEchoAreTakenEvenAfterATimeout()
    {
        var echoOff = channel.SendAsync(AtCommand.Execute("E0"));
        await peer.ReadCommandAsync();
        await peer.SendAsync("ATE0\r\r\nOK\r\n");
        Assert.True((await echoOff).IsOk);

        var first = channel.SendAsync(AtCommand.Test("+COPS").WithTimeout(TimeSpan.FromMilliseconds(200)));
        await peer.ReadCommandAsync();
        await Assert.ThrowsAsync<AtTimeoutException>(() => first);

        var second = channel.SendAsync(AtCommand.Execute("+CGMM"));
        await peer.ReadCommandAsync();
        await peer.SendAsync("\r\nEC25\r\n\r\nOK\r\n");
        Assert.Equal(["EC25"], (await second).Lines);
    }

    [Fact]
    public async Task Send_UnplugDuringCommand_FailsWithPortGoneLongBeforeTheTimeout()
    {
        var clock = Stopwatch.StartNew();
        var response = channel.SendAsync(AtCommand.Read("+CEREG").WithTimeout(TimeSpan.FromSeconds(30)));
        await peer.ReadCommandAsync();
        await peer.SendAsync("AT+CEREG?\r\r\n+CEREG: 2,1,\"1A2B\",");

        await peer.UnplugAsync();

        var gone = await Assert.ThrowsAsync<AtPortGoneException>(() => response);
        Assert.Contains("port gone", gone.Message, StringComparison.Ordinal);
        Assert.Contains("ttyTEST", gone.Message, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.NotNull(channel.ClosedBecause);
    }

    [Fact]
    public async Task Send_AfterUnplug_FailsAtOnceAndSubscriptionsEnd()
    {
        var urcs = channel.UnsolicitedAsync();
        await peer.UnplugAsync();
        await WaitUntilAsync(() => channel.ClosedBecause is not null);

        await Assert.ThrowsAsync<AtPortGoneException>(() => channel.SendAsync(AtCommand.Attention));
        await foreach (var urc in urcs)
        {
            Assert.Fail($"no URC expected after unplug, got {urc.Line}");
        }
    }

    [Fact]
    public async Task Send_StreamThatThrows_FailsTheCommandAndNothingEscapes()
    {
        await using var broken = new ThrowingStream();
        await using var brokenChannel = AtChannel.Open(broken, new AtChannelOptions { Name = "ttyBROKEN" });

        var gone = await Assert.ThrowsAsync<AtPortGoneException>(() => brokenChannel.SendAsync(AtCommand.Attention));

        Assert.Contains("ttyBROKEN", gone.Message, StringComparison.Ordinal);
        Assert.Contains("Input/output error", brokenChannel.ClosedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_GarbageLines_AreUnsolicitedBetweenCommandsAndDoNotBreakTheNextCommand()
    {
        await using var urcs = channel.UnsolicitedAsync().GetAsyncEnumerator();
        await peer.SendAsync("\r\n\u0001\u0002garbage\r\n" + new string('~', AtLineReader.MaxLineLength + 5) + "\r\n\r\n+QIND: SMS DONE\r\n");

        Assert.True(await urcs.MoveNextAsync());
        Assert.Equal(("\u0001\u0002garbage", null), (urcs.Current.Line, urcs.Current.Code));
        Assert.True(await urcs.MoveNextAsync());
        Assert.Equal("+QIND: SMS DONE", urcs.Current.Line);
        Assert.Equal(1, channel.OverlongLines);

        var response = channel.SendAsync(AtCommand.Attention);
        await peer.ReadCommandAsync();
        await peer.SendAsync("\r\nOK\r\n");
        Assert.True((await response).IsOk);
    }

    [Fact]
    public async Task Send_ConcurrentCallers_GoOneAtATimeInOrder()
    {
        var first = channel.SendAsync(AtCommand.Execute("+CGMI"));
        var second = channel.SendAsync(AtCommand.Execute("+CGMM"));

        Assert.Equal("AT+CGMI", await peer.ReadCommandAsync());
        // The second command is not on the wire while the first waits (had it been sent, this read would get it).
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => peer.ReadCommandAsync(TimeSpan.FromMilliseconds(300)));
        Assert.False(second.IsCompleted);
        await peer.SendAsync("\r\nSIMCOM INCORPORATED\r\n\r\nOK\r\n");
        Assert.Equal("AT+CGMM", await peer.ReadCommandAsync());
        await peer.SendAsync("\r\nSIMCOM_SIM7600G-H\r\n\r\nOK\r\n");

        Assert.Equal(["SIMCOM INCORPORATED"], (await first).Lines);
        Assert.Equal(["SIMCOM_SIM7600G-H"], (await second).Lines);
    }

    [Fact]
    public async Task Dispose_WithACommandWaitingAndAnotherQueued_BothEndAndLaterSendsFail()
    {
        var first = channel.SendAsync(AtCommand.Execute("+CGMI"));
        var second = channel.SendAsync(AtCommand.Execute("+CGMM"));
        Assert.Equal("AT+CGMI", await peer.ReadCommandAsync());

        await channel.DisposeAsync();

        // Both end (the bound only tells "ended" from "hung"), neither with a stray exception type.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => first.WaitAsync(TimeSpan.FromSeconds(20)));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => second.WaitAsync(TimeSpan.FromSeconds(20)));
        var later = await Assert.ThrowsAsync<ObjectDisposedException>(() => channel.SendAsync(AtCommand.Attention));
        Assert.Contains("ttyTEST", later.Message, StringComparison.Ordinal);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "condition not reached within 5 s");
            await Task.Delay(10);
        }
    }

    /// <summary>A port whose reads fail with EIO, as a tty does after the USB device went away.</summary>
    private sealed class ThrowingStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => 0;

        public override long Position { get => 0; set { } }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromException<int>(new IOException("Input/output error"));

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("Input/output error");

        public override void Write(byte[] buffer, int offset, int count)
        {
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
