using WwanDaemon.Linux.Terminals;
using WwanDaemon.Mbim.Client;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Qmi.Client;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Ports;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// Seed 001's Dell DW5570 (first-protocol-wins): the real qmicli and mbimcli, and our QMI client, on
/// one pseudo-terminal; whichever protocol speaks first holds the port until the modem resets.
/// </summary>
public class DualProtocolPortTests
{
    private static DualProtocolPort NewPort() => new(new SimulatedModem(Profiles.Get("dw5570-first-protocol-wins")));

    /// <summary>Writes an MBIM OPEN on its own open of the link and reports whether anything came back within a second.</summary>
    private static async Task<bool> MbimOpenIsAnsweredAsync(string link)
    {
        await using var stream = CharacterDevice.Open(link);
        await stream.WriteAsync(MbimMessageCodec.Encode(new MbimOpen(1, 4096))[0]);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        try
        {
            return await stream.ReadAsync(new byte[64], wait.Token) > 0;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Waits (bounded) until the port has ignored a message of the losing protocol. The client's timeout is not
    /// the port's: on a loaded machine the port may take the message only after it, and a reset before that
    /// would let the late message win the port.
    /// </summary>
    private static async Task WaitUntilIgnoredAsync(DualProtocolPort port)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (port.IgnoredMessages < 1)
        {
            await Task.Delay(10, limit.Token);
        }
    }

    [Fact]
    public async Task QmiFirst_MbimOpenIsIgnored_UntilTheDmsReset()
    {
        var port = NewPort();
        await using var pty = new SimulatedPortOnPty(port);

        var ids = await pty.RunAsync("qmicli", "--device-open-qmi", "--dms-get-ids");
        Assert.True(ids.Exit == 0, ids.Output);
        Assert.Equal(DualProtocolPort.Protocol.Qmi, port.FirstProtocol);

        Assert.False(await MbimOpenIsAnsweredAsync(pty.Link));
        await WaitUntilIgnoredAsync(port);
        Assert.True(port.IgnoredMessages >= 1);

        // The restart forgets the client id, so qmicli must not send a Release CID after it (that would be QMI first again).
        var reset = await pty.RunAsync("qmicli", "--device-open-qmi", "--dms-set-operating-mode=reset", "--client-no-release-cid");
        Assert.True(reset.Exit == 0, reset.Output);
        Assert.Null(port.FirstProtocol);
        var caps = await pty.RunAsync("mbimcli", "--query-device-caps");
        Assert.True(caps.Exit == 0, caps.Output);
        Assert.Equal(port.Modem.Profile.Model, MbimcliCertificationTests.Value(caps.Output, "Hardware info"));
        Assert.Equal(DualProtocolPort.Protocol.Mbim, port.FirstProtocol);
    }

    [Fact]
    public async Task MbimFirst_QmiClientTimesOutNamingThePort_UntilThePortResets()
    {
        var port = NewPort();
        await using var pty = new SimulatedPortOnPty(port);

        var caps = await pty.RunAsync("mbimcli", "--query-device-caps");
        Assert.True(caps.Exit == 0, caps.Output);
        Assert.Equal(DualProtocolPort.Protocol.Mbim, port.FirstProtocol);

        await using (var stream = CharacterDevice.Open(pty.Link))
        {
            var timeout = await Assert.ThrowsAsync<QmiTimeoutException>(() => QmiDevice.OpenAsync(stream,
                new QmiDeviceOptions { Name = pty.Link, RequestTimeout = TimeSpan.FromSeconds(1) }));
            Assert.Contains(pty.Link, timeout.Message, StringComparison.Ordinal);
        }
        await WaitUntilIgnoredAsync(port);
        Assert.True(port.IgnoredMessages >= 1);

        port.Reset();
        var ids = await pty.RunAsync("qmicli", "--device-open-qmi", "--dms-get-ids");
        Assert.True(ids.Exit == 0, ids.Output);
        Assert.Equal(port.Modem.Profile.Imei, MbimcliCertificationTests.Value(ids.Output, "IMEI"));
        Assert.Equal(DualProtocolPort.Protocol.Qmi, port.FirstProtocol);
        Assert.Equal(0, port.MbimPort.HandlerFailures);
        Assert.Equal(0, port.QmiPort.HandlerFailures);
    }

    [Fact]
    public async Task QmiFirst_OurMbimClientTimesOutNamingThePort_ThenWorksAfterReset()
    {
        var port = NewPort();
        await using var pty = new SimulatedPortOnPty(port);
        await using (var stream = CharacterDevice.Open(pty.Link))
        {
            await using var qmi = await QmiDevice.OpenAsync(stream, new QmiDeviceOptions { Name = pty.Link });
        }
        Assert.Equal(DualProtocolPort.Protocol.Qmi, port.FirstProtocol);

        await using (var stream = CharacterDevice.Open(pty.Link))
        {
            var timeout = await Assert.ThrowsAsync<MbimTimeoutException>(() => MbimDevice.OpenAsync(stream,
                new MbimDeviceOptions { Name = pty.Link, RequestTimeout = TimeSpan.FromSeconds(1) }));
            Assert.Contains(pty.Link, timeout.Message, StringComparison.Ordinal);
            Assert.Contains("OPEN", timeout.Message, StringComparison.Ordinal);
        }
        await WaitUntilIgnoredAsync(port);

        port.Reset();
        await using (var stream = CharacterDevice.Open(pty.Link))
        {
            await using var mbim = await MbimDevice.OpenAsync(stream, new MbimDeviceOptions { Name = pty.Link });
            var caps = await mbim.QueryAsync("basic-connect", "Device Caps");
            Assert.Equal(port.Modem.Profile.Imei, caps["DeviceId"]!.AsString());
        }
        Assert.Equal(DualProtocolPort.Protocol.Mbim, port.FirstProtocol);
    }
}
