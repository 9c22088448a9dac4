using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Simulator.Mbim;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>Each scripted MBIM firmware bug, seen by a hand-written host and by the real mbimcli.</summary>
public class MbimFaultScriptTests
{
    private static SimulatedMbimPort NewPort(string profile = "default") => new(new SimulatedModem(Profiles.Get(profile)));

    private static Task SendCapsAsync(RawMbimHost host, out uint transaction)
    {
        var command = host.Command("basic-connect", "Device Caps", MbimCommandType.Query);
        transaction = command.TransactionId;
        return host.SendAsync(command);
    }

    [Fact]
    public async Task Fragment_ResponseComesInSmallTransfersThatReassemble()
    {
        var port = NewPort();
        port.Faults.Add(new MbimFault("basic-connect", "Device Caps", MbimFaultKind.Fragment, FragmentSize: 64));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();

        await SendCapsAsync(host, out _);
        var transfers = new List<byte[]>();
        var reassembler = new MbimReassembler();
        MbimMessage? message = null;
        while (message is null && await host.ReceiveTransferAsync(TimeSpan.FromSeconds(5)) is { } transfer)
        {
            transfers.Add(transfer);
            message = reassembler.Accept(transfer);
        }

        Assert.True(transfers.Count > 2);
        Assert.All(transfers, t => Assert.True(t.Length <= 64));
        var caps = WwanDaemon.Mbim.Messages.MbimMessageInterpreter.Decode(RawMbimHost.Declarations, message!);
        Assert.Equal(port.Modem.Profile.Imei, caps["DeviceId"]!.AsString());
    }

    [Fact]
    public async Task Fragment_MbimcliReassemblesTheResponse()
    {
        await using var sim = new SimulatedMbimModem();
        sim.Port.Faults.Add(new MbimFault("basic-connect", "Device Caps", MbimFaultKind.Fragment, FragmentSize: 64));

        var caps = await sim.MbimcliAsync("--query-device-caps");

        Assert.True(caps.Exit == 0, caps.Output);
        Assert.Equal(sim.Modem.Profile.Imei, MbimcliCertificationTests.Value(caps.Output, "Device ID"));
        Assert.Equal(sim.Modem.Profile.Revision, MbimcliCertificationTests.Value(caps.Output, "Firmware info"));
    }

    [Fact]
    public async Task OutOfOrderFragments_AreReportedByTheReassembler()
    {
        var port = NewPort();
        port.Faults.Add(new MbimFault("basic-connect", "Device Caps", MbimFaultKind.OutOfOrderFragments, FragmentSize: 64));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();

        await SendCapsAsync(host, out var transaction);
        var error = await Assert.ThrowsAsync<MbimProtocolException>(() => host.ReceiveAsync());

        Assert.Equal(MbimProtocolError.FragmentOutOfSequence, error.Error);
        Assert.Equal(transaction, error.TransactionId);
    }

    [Fact]
    public async Task DropAndStopAnswering_LeaveCommandsUnanswered()
    {
        var port = NewPort();
        port.Faults.Add(new MbimFault("basic-connect", "Device Caps", MbimFaultKind.Drop));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();

        await SendCapsAsync(host, out _);
        Assert.Null(await host.ReceiveAsync(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(MbimStatus.Success, (await host.RequestAsync("basic-connect", "Device Caps", MbimCommandType.Query)).Status);

        port.Faults.Add(new MbimFault(null, null, MbimFaultKind.StopAnswering));
        await SendCapsAsync(host, out _);
        await SendCapsAsync(host, out _);
        Assert.Null(await host.ReceiveAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task DuplicateStatusAndDelay_AreAnsweredAsScripted()
    {
        var port = NewPort();
        port.Faults.Add(new MbimFault("basic-connect", "Radio State", MbimFaultKind.Duplicate));
        port.Faults.Add(new MbimFault("basic-connect", "Device Caps", MbimFaultKind.Status, Status: MbimStatus.Busy));
        port.Faults.Add(new MbimFault("basic-connect", "Pin List", MbimFaultKind.Delay, Delay: TimeSpan.FromMilliseconds(400)));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();

        var radio = host.Command("basic-connect", "Radio State", MbimCommandType.Query);
        await host.SendAsync(radio);
        Assert.Equal(radio.TransactionId, (await host.ReceiveAsync())!.TransactionId);
        Assert.Equal(radio.TransactionId, (await host.ReceiveAsync())!.TransactionId);
        Assert.Equal(MbimStatus.Busy, (await host.RequestAsync("basic-connect", "Device Caps", MbimCommandType.Query)).Status);
        var started = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(MbimStatus.Success, (await host.RequestAsync("basic-connect", "Pin List", MbimCommandType.Query)).Status);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(350), $"answered after {started.Elapsed}");
    }

    [Fact]
    public async Task Corrupt_ResponseIsMalformedForItsTransactionAndThePortGoesOn()
    {
        var port = NewPort();
        port.Faults.Add(new MbimFault("basic-connect", "Device Caps", MbimFaultKind.Corrupt));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();

        await SendCapsAsync(host, out var transaction);
        var error = await Assert.ThrowsAsync<MbimProtocolException>(() => host.ReceiveAsync());

        Assert.Equal(transaction, error.TransactionId);
        Assert.Equal(MbimStatus.Success, (await host.RequestAsync("basic-connect", "Device Caps", MbimCommandType.Query)).Status);
    }

    [Fact]
    public async Task Reset_ClosesTheFunctionAndRestartsTheModem()
    {
        var port = NewPort("em7355-fcc-locked");
        port.Modem.AuthenticateFcc();
        port.Faults.Add(new MbimFault("basic-connect", "Device Caps", MbimFaultKind.Reset));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();

        await SendCapsAsync(host, out _);
        Assert.Null(await host.ReceiveAsync(TimeSpan.FromMilliseconds(300)));
        // No answer within 300 ms does not mean the port has taken the command yet (a loaded machine): wait, bounded, for the reset.
        using (var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while (port.IsOpen)
            {
                await Task.Delay(10, limit.Token);
            }
        }
        Assert.False(port.IsOpen);
        Assert.True(port.Modem.FccLocked);

        await SendCapsAsync(host, out var transaction);
        Assert.Equal(new MbimFunctionError(transaction, MbimProtocolError.NotOpened), await host.ReceiveAsync());
    }

    [Fact]
    public void FragmentSizeBelowTheMbimMinimum_IsRefused()
    {
        var script = new MbimFaultScript();

        var error = Assert.Throws<ArgumentException>(() => script.Add(new MbimFault(null, null, MbimFaultKind.Fragment, FragmentSize: 16)));

        Assert.Contains("64", error.Message, StringComparison.Ordinal);
    }
}
