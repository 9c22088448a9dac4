using System.Net;
using WwanDaemon.Qmi.Client;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Links;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Qmi;

namespace WwanDaemon.Simulator.Tests;

/// <summary>Our own QMI client performs qmicli's operations against the simulator and reads the same state.</summary>
public sealed class QmiClientAgreementTests : IAsyncLifetime, IDisposable
{
    private CancellationTokenSource stop = new();
    private SimulatedQmiPort port = null!;
    private Task serving = Task.CompletedTask;
    private QmiDevice device = null!;

    private SimulatedModem Modem => port.Modem;

    public void Dispose()
    {
        port.Dispose();
        stop.Dispose();
    }

    public async Task InitializeAsync() => await StartAsync("default");

    public async Task DisposeAsync()
    {
        await device.DisposeAsync();
        await stop.CancelAsync();
        await serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    private async Task StartAsync(string profile)
    {
        var (host, deviceSide) = InMemoryLink.Create();
        port = new SimulatedQmiPort(new SimulatedModem(Profiles.Get(profile)));
        serving = Task.Run(() => port.ServeAsync(deviceSide, stop.Token));
        device = await QmiDevice.OpenAsync(host, new QmiDeviceOptions { Name = "simulated cdc-wdm", RequestTimeout = TimeSpan.FromSeconds(2) });
    }

    private async Task<QmiClient> Client(string service, byte id) => await QmiClient.AllocateAsync(device, service, id);

    [Fact]
    public async Task DmsIdentity_EqualsTheProfile()
    {
        await using var dms = await Client("dms", 2);

        var ids = await dms.RequestAsync("Get IDs");

        Assert.Equal(Modem.Profile.Imei, ids["Imei"]!.AsString());
        Assert.Equal(Modem.Profile.Manufacturer, (await dms.RequestAsync("Get Manufacturer"))["Manufacturer"]!.AsString());
        Assert.Equal(Modem.Profile.Model, (await dms.RequestAsync("Get Model"))["Model"]!.AsString());
        Assert.Equal((long)Modem.Mode, (await dms.RequestAsync("Get Operating Mode"))["Mode"]!.AsInteger());
    }

    [Fact]
    public async Task NasSignalAndServingSystem_EqualTheModem()
    {
        await using var nas = await Client("nas", 3);

        var signal = (await nas.RequestAsync("Get Signal Info"))["LTE Signal Strength"]!.AsStruct();
        var serving = (await nas.RequestAsync("Get Serving System"))["Serving System"]!.AsStruct();

        Assert.Equal(Modem.Signal.RssiDbm, signal["RSSI"].AsInteger());
        Assert.Equal(Modem.Signal.RsrpDbm, signal["RSRP"].AsInteger());
        Assert.Equal(1, serving["Registration State"].AsInteger()); // registered
    }

    [Fact]
    public async Task WdsSession_StartSettingsStop_EqualTheModem()
    {
        await using var wds = await Client("wds", 1);

        var started = await wds.RequestAsync("Start Network", [new QmiField("APN", new QmiString("internet")), new QmiField("IP Family Preference", new QmiInteger(4))]);
        var handle = started["Packet Data Handle"]!.AsInteger();
        var session = Assert.Single(Modem.Sessions);
        var settings = await wds.RequestAsync("Get Current Settings", [new QmiField("Requested Settings", new QmiInteger(0xffff))]); // every setting
        var address = settings["IPv4 Address"]!.AsInteger();

        Assert.Equal(session.Handle, handle);
        Assert.Equal(session.Ipv4, new IPAddress(new[] { (byte)(address >> 24), (byte)(address >> 16), (byte)(address >> 8), (byte)address }));
        Assert.Equal(2, (await wds.RequestAsync("Get Packet Service Status"))["Connection Status"]!.AsInteger()); // connected
        await wds.RequestAsync("Stop Network", [new QmiField("Packet Data Handle", new QmiInteger(handle))]);
        Assert.Empty(Modem.Sessions);
    }

    [Fact]
    public async Task WrongApn_IsATypedErrorCarryingTheQmiName()
    {
        await using var wds = await Client("wds", 1);

        var error = await Assert.ThrowsAsync<QmiErrorException>(() => wds.RequestAsync("Start Network", [new QmiField("APN", new QmiString("bogus"))]));

        Assert.Equal("CallFailed", error.ErrorName);
        Assert.Contains("WDS Start Network failed: QMI error CallFailed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegistrationChange_ArrivesAsAServingSystemIndication()
    {
        await using var nas = await Client("nas", 3);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var indications = nas.IndicationsAsync(wait.Token).GetAsyncEnumerator(wait.Token);
        var next = indications.MoveNextAsync();

        Modem.SetRegistration(RegistrationState.Denied);

        Assert.True(await next);
        Assert.Equal("Serving System", indications.Current.Name);
        Assert.Equal(3, indications.Current["Serving System"]!.AsStruct()["Registration State"].AsInteger()); // registration-denied
        await indications.DisposeAsync();
    }

    [Fact]
    public async Task DroppedResponse_TimesOutInsteadOfHanging()
    {
        await using var dms = await Client("dms", 2);
        port.Faults.Add(new QmiFault("dms", "Get IDs", QmiFaultKind.Drop));

        var error = await Assert.ThrowsAsync<QmiTimeoutException>(() => dms.RequestAsync("Get IDs"));

        Assert.Contains("no response within 2 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(Modem.Profile.Imei, (await dms.RequestAsync("Get IDs"))["Imei"]!.AsString()); // the port still works
    }

    [Fact]
    public async Task DuplicatedAndCorruptResponses_DoNotBreakThePort()
    {
        await using var dms = await Client("dms", 2);
        port.Faults.Add(new QmiFault("dms", "Get Model", QmiFaultKind.Duplicate));

        Assert.Equal(Modem.Profile.Model, (await dms.RequestAsync("Get Model"))["Model"]!.AsString());
        Assert.Equal(Modem.Profile.Revision, (await dms.RequestAsync("Get Revision"))["Revision"]!.AsString());
        Assert.Equal(1, device.UnmatchedResponses);

        port.Faults.Add(new QmiFault("dms", "Get Manufacturer", QmiFaultKind.Corrupt));
        await Assert.ThrowsAsync<WwanDaemon.Qmi.QmiProtocolException>(() => dms.RequestAsync("Get Manufacturer"));
        Assert.Equal(Modem.Profile.Imei, (await dms.RequestAsync("Get IDs"))["Imei"]!.AsString());
        Assert.True(device.MalformedFrames > 0);
    }

    [Fact]
    public async Task RadioOff_EndsTheSessionAndTellsItsOwner()
    {
        await using var wds = await Client("wds", 1);
        await wds.RequestAsync("Start Network", [new QmiField("APN", new QmiString("internet"))]);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var indications = wds.IndicationsAsync(wait.Token).GetAsyncEnumerator(wait.Token);
        var next = indications.MoveNextAsync();

        Modem.SetOperatingMode(OperatingMode.LowPower);

        Assert.True(await next);
        Assert.Equal("Packet Service Status", indications.Current.Name);
        Assert.Equal(1, indications.Current["Connection Status"]!.AsStruct()["Status"].AsInteger()); // disconnected
        await indications.DisposeAsync();
    }

    [Fact]
    public async Task UndeclaredRequestsAndServices_AreAnsweredWithErrorsAndThePortLivesOn()
    {
        var undeclared = await Assert.ThrowsAsync<QmiErrorException>(() => QmiClient.AllocateAsync(device, "voice", 9));
        await using var dms = await Client("dms", 2);
        // DMS 0x0024 (Get MSISDN) is not declared: the raw message still gets an answer.
        var raw = WwanDaemon.Qmi.Framing.QmuxFramer.Write(WwanDaemon.Qmi.Messages.QmiMessageCodec.Encode(
            new WwanDaemon.Qmi.Messages.QmiMessage(2, dms.ClientId, 4242, 0x0024, WwanDaemon.Qmi.Messages.QmiMessageKind.Request, [])));

        Assert.Equal("InvalidServiceType", undeclared.ErrorName);
        Assert.Equal(Modem.Profile.Model, (await dms.RequestAsync("Get Model"))["Model"]!.AsString());
        Assert.Equal(0, port.HandlerFailures);
        Assert.NotEmpty(raw);
    }

    [Fact]
    public async Task ModemReset_DropsClientIds()
    {
        await using var dms = await Client("dms", 2);
        port.Faults.Add(new QmiFault("dms", "Get Model", QmiFaultKind.Reset));

        await Assert.ThrowsAsync<QmiTimeoutException>(() => dms.RequestAsync("Get Model"));
        var error = await Assert.ThrowsAsync<QmiErrorException>(() => dms.RequestAsync("Get Model"));

        Assert.Equal("InvalidClientId", error.ErrorName);
    }

    [Fact]
    public async Task ClientDispose_ReleasesItsClientId()
    {
        var dms = await Client("dms", 2);
        var clientId = dms.ClientId;

        await dms.DisposeAsync();

        var error = await Assert.ThrowsAsync<QmiErrorException>(() => device.RequestAsync("dms", clientId, "Get IDs", []));
        Assert.Equal("InvalidClientId", error.ErrorName);
    }

    [Fact]
    public async Task PinLockedProfile_VerifyPinThroughUim()
    {
        await device.DisposeAsync();
        await stop.CancelAsync();
        await serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
        port.Dispose();
        stop.Dispose();
        stop = new CancellationTokenSource();
        await StartAsync("pin-locked");
        await using var uim = await Client("uim", 11);
        var session = new QmiStruct([new QmiField("Session Type", new QmiInteger(0)), new QmiField("Application Identifier", new QmiArray([]))]);

        var wrong = await Assert.ThrowsAsync<QmiErrorException>(() => uim.RequestAsync("Verify PIN",
            [new QmiField("Session", session), new QmiField("Info", new QmiStruct([new QmiField("PIN ID", new QmiInteger(1)), new QmiField("PIN Value", new QmiString("0000"))]))]));
        await uim.RequestAsync("Verify PIN",
            [new QmiField("Session", session), new QmiField("Info", new QmiStruct([new QmiField("PIN ID", new QmiInteger(1)), new QmiField("PIN Value", new QmiString("1234"))]))]);

        Assert.Equal("IncorrectPin", wrong.ErrorName);
        Assert.Equal(SimState.Ready, Modem.Sim.State);
    }
}

/// <summary>The rest of qmicli's list through our client: home network, card status, data format, FCC authentication.</summary>
public sealed class QmiClientAgreementMoreTests : IAsyncLifetime, IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly SimulatedQmiPort port = new(new SimulatedModem(Profiles.Get("fcc-locked")));
    private Task serving = Task.CompletedTask;
    private QmiDevice device = null!;

    public async Task InitializeAsync()
    {
        var (host, deviceSide) = InMemoryLink.Create();
        serving = Task.Run(() => port.ServeAsync(deviceSide, stop.Token));
        device = await QmiDevice.OpenAsync(host, new QmiDeviceOptions { RequestTimeout = TimeSpan.FromSeconds(2) });
    }

    public async Task DisposeAsync()
    {
        await device.DisposeAsync();
        await stop.CancelAsync();
        await serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ContinueOnCapturedContext);
    }

    public void Dispose()
    {
        port.Dispose();
        stop.Dispose();
    }

    [Fact]
    public async Task FccLockedModem_OnlineAfterFccAuthentication()
    {
        await using var dms = await QmiClient.AllocateAsync(device, "dms", 2);

        var refused = await Assert.ThrowsAsync<QmiErrorException>(() => dms.RequestAsync("Set Operating Mode", [new QmiField("Mode", new QmiInteger(0))]));
        await dms.RequestAsync("Set FCC Authentication");
        await dms.RequestAsync("Set Operating Mode", [new QmiField("Mode", new QmiInteger(0))]);

        Assert.Equal("InvalidTransition", refused.ErrorName);
        Assert.Equal(OperatingMode.Online, port.Modem.Mode);
        Assert.Equal(0, (await dms.RequestAsync("Get Operating Mode"))["Mode"]!.AsInteger());
    }

    [Fact]
    public async Task HomeNetworkCardStatusAndDataFormat_EqualTheModem()
    {
        await using var nas = await QmiClient.AllocateAsync(device, "nas", 3);
        await using var uim = await QmiClient.AllocateAsync(device, "uim", 11);
        await using var wda = await QmiClient.AllocateAsync(device, "wda", 26);

        var home = (await nas.RequestAsync("Get Home Network"))["Home Network"]!.AsStruct();
        var card = (await uim.RequestAsync("Get Card Status"))["Card Status"]!.AsStruct();
        await wda.RequestAsync("Set Data Format", [new QmiField("Link Layer Protocol", new QmiInteger(2))]);
        var format = await wda.RequestAsync("Get Data Format");

        Assert.Equal(port.Modem.Profile.OperatorName, home["Description"].AsString());
        Assert.Single(card["Cards"].AsArray());
        Assert.True(port.Modem.RawIp);
        Assert.Equal(2, format["Link Layer Protocol"]!.AsInteger()); // raw-ip
    }
}
