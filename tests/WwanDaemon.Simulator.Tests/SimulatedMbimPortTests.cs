using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Mbim;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>The MBIM port's protocol duties (MBIM 1.0 §9), seen transfer by transfer from a hand-written host.</summary>
public class SimulatedMbimPortTests
{
    private static readonly Guid BasicConnect = Guid.Parse("a289cc33-bcbb-8b4f-b6b0-133ec2aae6df");

    [Fact]
    public async Task CommandBeforeOpen_GetsFunctionErrorNotOpened()
    {
        var port = new SimulatedMbimPort(new SimulatedModem(Profiles.Get("default")));
        await using var host = new RawMbimHost(port);

        var command = host.Command("basic-connect", "Device Caps", MbimCommandType.Query);
        await host.SendAsync(command);

        Assert.Equal(new MbimFunctionError(command.TransactionId, MbimProtocolError.NotOpened), await host.ReceiveAsync());
        Assert.False(port.IsOpen);
    }

    [Fact]
    public async Task OpenThenClose_AnswersEachWithSuccess()
    {
        var port = new SimulatedMbimPort(new SimulatedModem(Profiles.Get("default")));
        await using var host = new RawMbimHost(port);

        await host.SendAsync(new MbimOpen(7, 4096));
        Assert.Equal(new MbimOpenDone(7, MbimStatus.Success), await host.ReceiveAsync());
        Assert.True(port.IsOpen);
        await host.SendAsync(new MbimClose(8));

        Assert.Equal(new MbimCloseDone(8, MbimStatus.Success), await host.ReceiveAsync());
        Assert.False(port.IsOpen);
    }

    [Fact]
    public async Task UndeclaredServiceAndCid_GetNoDeviceSupportAndThePortLivesOn()
    {
        var port = new SimulatedMbimPort(new SimulatedModem(Profiles.Get("default")));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();

        var unknownService = new MbimCommand(host.NextTransaction(), Guid.Parse("11223344-5566-7788-99aa-bbccddeeff00"), 1, MbimCommandType.Query, []);
        var unknownCid = new MbimCommand(host.NextTransaction(), BasicConnect, 250, MbimCommandType.Query, [1, 2, 3, 4]);
        await host.SendAsync(unknownService);
        var first = Assert.IsType<MbimCommandDone>(await host.ReceiveAsync());
        await host.SendAsync(unknownCid);
        var second = Assert.IsType<MbimCommandDone>(await host.ReceiveAsync());

        Assert.Equal(MbimStatus.NoDeviceSupport, first.Status);
        Assert.Equal(MbimStatus.NoDeviceSupport, second.Status);
        var caps = await host.RequestAsync("basic-connect", "Device Caps", MbimCommandType.Query);
        Assert.Equal(port.Modem.Profile.Imei, caps["DeviceId"]!.AsString());
        Assert.Equal(0, port.HandlerFailures);
    }

    [Fact]
    public async Task MalformedInformationBuffer_GetsInvalidParameters()
    {
        var port = new SimulatedMbimPort(new SimulatedModem(Profiles.Get("default")));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();

        // Radio State set needs a 4-byte RadioState; one byte is truncated.
        await host.SendAsync(new MbimCommand(host.NextTransaction(), BasicConnect, 3, MbimCommandType.Set, [1]));

        Assert.Equal(MbimStatus.InvalidParameters, Assert.IsType<MbimCommandDone>(await host.ReceiveAsync()).Status);
        Assert.Equal(0, port.HandlerFailures);
    }

    [Fact]
    public async Task FragmentedHostCommand_IsReassembledAndAnswered()
    {
        var port = new SimulatedMbimPort(new SimulatedModem(Profiles.Get("pin-locked")));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();

        var enter = host.Command("basic-connect", "Pin", MbimCommandType.Set,
            new QmiField("PinType", new QmiInteger(2)), new QmiField("PinOperation", new QmiInteger(0)),
            new QmiField("Pin", new QmiString("1234")), new QmiField("NewPin", new QmiString("")));
        var fragments = MbimMessageCodec.Encode(enter, 64);
        Assert.True(fragments.Count > 1);
        await host.SendTransfersAsync(fragments);

        var done = Assert.IsType<MbimCommandDone>(await host.ReceiveAsync());
        Assert.Equal(MbimStatus.Success, done.Status);
        Assert.Equal(SimState.Ready, port.Modem.Sim.State);
    }

    [Fact]
    public async Task HostFragmentsOutOfOrder_GetFunctionErrorAndTheNextCommandWorks()
    {
        var port = new SimulatedMbimPort(new SimulatedModem(Profiles.Get("pin-locked")));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();
        var enter = host.Command("basic-connect", "Pin", MbimCommandType.Set,
            new QmiField("PinType", new QmiInteger(2)), new QmiField("PinOperation", new QmiInteger(0)),
            new QmiField("Pin", new QmiString("1234")), new QmiField("NewPin", new QmiString("")));
        var fragments = MbimMessageCodec.Encode(enter, 64);

        await host.SendTransfersAsync([fragments[1]]);

        Assert.Equal(new MbimFunctionError(enter.TransactionId, MbimProtocolError.FragmentOutOfSequence), await host.ReceiveAsync());
        Assert.Equal(SimState.PinRequired, port.Modem.Sim.State);
        var caps = await host.RequestAsync("basic-connect", "Device Caps", MbimCommandType.Query);
        Assert.Equal(MbimStatus.Success, caps.Status);
    }

    [Fact]
    public async Task LongResponse_IsFragmentedToTheHostsMaxControlTransfer()
    {
        var port = new SimulatedMbimPort(new SimulatedModem(Profiles.Get("default")));
        await using var host = new RawMbimHost(port);
        await host.OpenAsync(maxControlTransfer: 64);

        await host.SendAsync(host.Command("basic-connect", "Pin List", MbimCommandType.Query));
        var transfers = new List<byte[]>();
        var reassembler = new MbimReassembler();
        MbimMessage? message = null;
        while (message is null && await host.ReceiveTransferAsync(TimeSpan.FromSeconds(5)) is { } transfer)
        {
            transfers.Add(transfer);
            message = reassembler.Accept(transfer);
        }

        Assert.True(transfers.Count > 1);
        Assert.All(transfers, t => Assert.True(t.Length <= 64, $"a {t.Length}-byte transfer"));
        Assert.Equal(MbimStatus.Success, Assert.IsType<MbimCommandDone>(message).Status);
    }

    [Fact]
    public async Task Notifications_FollowTheModemAndTheSubscribeList()
    {
        var modem = new SimulatedModem(Profiles.Get("default"));
        var port = new SimulatedMbimPort(modem);
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();

        modem.SetSignal(new SignalQuality(-71, -95, -10, 10));
        var signal = Assert.IsType<MbimIndicateStatus>(await host.ReceiveAsync());
        Assert.Equal(BasicConnect, signal.Service);
        Assert.Equal((-71 + 113) / 2, WwanDaemon.Mbim.Messages.MbimMessageInterpreter.Decode(RawMbimHost.Declarations, signal)["Rssi"]!.AsInteger());

        // Subscribe to Radio State only: signal changes go quiet, radio changes still come.
        var subscribed = await host.RequestAsync("basic-connect", "Device Service Subscribe List", MbimCommandType.Set,
            new QmiField("Events", new QmiArray([new QmiStruct([
                new QmiField("DeviceServiceId", new QmiString(BasicConnect.ToString())),
                new QmiField("Cids", new QmiArray([new QmiInteger(3)]))])])));
        Assert.Equal(MbimStatus.Success, subscribed.Status);
        modem.SetSignal(new SignalQuality(-91, -95, -10, 10));
        Assert.Null(await host.ReceiveAsync(TimeSpan.FromMilliseconds(300)));
        modem.SetOperatingMode(OperatingMode.LowPower);
        var radio = Assert.IsType<MbimIndicateStatus>(await host.ReceiveAsync());
        Assert.Equal(3u, radio.Cid);
        Assert.Equal(0, port.HandlerFailures);
    }

    [Fact]
    public async Task NoNotificationsBeforeOpen()
    {
        var modem = new SimulatedModem(Profiles.Get("default"));
        var port = new SimulatedMbimPort(modem);
        await using var host = new RawMbimHost(port);

        modem.SetSignal(new SignalQuality(-71, -95, -10, 10));

        Assert.Null(await host.ReceiveTransferAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task ConnectDroppedByTheNetwork_SendsADeactivatedNotification()
    {
        var modem = new SimulatedModem(Profiles.Get("default"));
        var port = new SimulatedMbimPort(modem);
        await using var host = new RawMbimHost(port);
        await host.OpenAsync();
        var connected = await host.RequestAsync("basic-connect", "Connect", MbimCommandType.Set,
            new QmiField("SessionId", new QmiInteger(3)), new QmiField("ActivationCommand", new QmiInteger(1)),
            new QmiField("AccessString", new QmiString("internet")), new QmiField("UserName", new QmiString("")),
            new QmiField("Password", new QmiString("")), new QmiField("Compression", new QmiInteger(0)),
            new QmiField("AuthProtocol", new QmiInteger(0)), new QmiField("IpType", new QmiInteger(1)),
            new QmiField("ContextType", new QmiString("7e5e2a7e-4e6f-7272-736b-656e7e5e2a7e")));
        Assert.Equal(MbimStatus.Success, connected.Status);
        Assert.Null(Assert.Single(modem.Sessions).Ipv6);

        modem.SetRegistration(RegistrationState.NotRegistered);
        MbimIndicateStatus? connect = null;
        while (connect is null && await host.ReceiveAsync() is { } message)
        {
            connect = message is MbimIndicateStatus { Cid: 12 } indication ? indication : null;
        }

        var decoded = WwanDaemon.Mbim.Messages.MbimMessageInterpreter.Decode(RawMbimHost.Declarations, connect!);
        Assert.Equal(3, decoded["SessionId"]!.AsInteger());
        Assert.Equal(3, decoded["ActivationState"]!.AsInteger()); // deactivated
    }
}
