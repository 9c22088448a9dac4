using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Client;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Qmi.Client;
using WwanDaemon.Qmi.Values;
using WwanDaemon.Simulator.Links;
using WwanDaemon.Simulator.Mbim;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// Our MBIM client (MbimDevice) and our QMI client over MbimDevice.OpenQmiTransport() against the
/// simulated MBIM modem: they must read the same state mbimcli and qmicli read.
/// </summary>
public sealed class MbimClientAgreementTests : IAsyncLifetime, IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private Task? serving;
    private Stream? hostEnd;

    private SimulatedMbimPort Port { get; set; } = null!;

    private SimulatedModem Modem => Port.Modem;

    private static QmiField F(string name, long value) => new(name, new QmiInteger(value));

    private static QmiField F(string name, string value) => new(name, new QmiString(value));

    private async Task<MbimDevice> OpenAsync(string profile = "default", TimeSpan? timeout = null, int maxControlTransfer = 4096)
    {
        Port = new SimulatedMbimPort(new SimulatedModem(Profiles.Get(profile)));
        var (host, device) = InMemoryLink.Create();
        hostEnd = host;
        serving = Task.Run(() => Port.ServeAsync(device, stop.Token));
        return await MbimDevice.OpenAsync(host, new MbimDeviceOptions
        {
            Name = $"simulated {profile}", RequestTimeout = timeout ?? TimeSpan.FromSeconds(5), MaxControlTransfer = maxControlTransfer,
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    // xUnit v2 calls IAsyncLifetime.DisposeAsync on test classes, never IAsyncDisposable.
    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        if (serving is not null)
        {
            try
            {
                await serving;
            }
            catch (OperationCanceledException)
            {
                // stopping is how serving ends
            }
        }
        hostEnd?.Dispose();
        Assert.Equal(0, Port.HandlerFailures);
        Assert.Equal(0, Port.QmiPort.HandlerFailures);
        stop.Dispose();
    }

    private static QmiField[] ConnectFields(uint sessionId, int command, string apn = "internet") =>
    [
        F("SessionId", sessionId), F("ActivationCommand", command), F("AccessString", apn), F("UserName", ""), F("Password", ""),
        F("Compression", 0), F("AuthProtocol", 0), F("IpType", 0), F("ContextType", MbimConnectFaceContext.Internet),
    ];

    [Fact]
    public async Task DeviceSubscriberRadioAndPin_MatchTheModem()
    {
        await using var mbim = await OpenAsync("pin-locked");

        var caps = await mbim.QueryAsync("basic-connect", "Device Caps");
        var ready = await mbim.QueryAsync("basic-connect", "Subscriber Ready Status");
        var radio = await mbim.QueryAsync("basic-connect", "Radio State");
        var wrong = await Assert.ThrowsAsync<MbimStatusException>(() => mbim.SetAsync("basic-connect", "Pin",
            [F("PinType", 2), F("PinOperation", 0), F("Pin", "0000"), F("NewPin", "")]));
        var right = await mbim.SetAsync("basic-connect", "Pin", [F("PinType", 2), F("PinOperation", 0), F("Pin", Modem.Sim.Pin), F("NewPin", "")]);
        var after = await mbim.QueryAsync("basic-connect", "Subscriber Ready Status");

        Assert.Equal(Modem.Profile.Imei, caps["DeviceId"]!.AsString());
        Assert.Equal(Modem.Profile.Model, caps["HardwareInfo"]!.AsString());
        Assert.Equal(6, ready["ReadyState"]!.AsInteger()); // device-locked
        Assert.Equal(1, radio["SwRadioState"]!.AsInteger());
        Assert.Equal(MbimStatus.Failure, wrong.Status);
        Assert.Equal(SimCard.DefaultPinRetries - 1, wrong.Response!["RemainingAttempts"]!.AsInteger());
        Assert.Equal(0, right["PinState"]!.AsInteger()); // unlocked
        Assert.Equal(Modem.Sim.Imsi, after["SubscriberId"]!.AsString());
    }

    [Fact]
    public async Task NetworkPacketServiceAndSession_MatchTheModem()
    {
        await using var mbim = await OpenAsync("roaming");
        Modem.AddTraffic(2048, 4, 1024, 2);

        var home = await mbim.QueryAsync("basic-connect", "Home Provider");
        var registration = await mbim.QueryAsync("basic-connect", "Register State");
        var signal = await mbim.QueryAsync("basic-connect", "Signal State");
        var attach = await mbim.SetAsync("basic-connect", "Packet Service", [F("PacketServiceAction", 0)]);
        var connect = await mbim.SetAsync("basic-connect", "Connect", ConnectFields(1, 1));
        var session = Assert.Single(Modem.Sessions);
        var ip = await mbim.QueryAsync("basic-connect", "IP Configuration", [F("SessionId", 1), .. EmptyIpConfiguration()]);
        var statistics = await mbim.QueryAsync("basic-connect", "Packet Statistics");
        await mbim.SetAsync("basic-connect", "Connect", ConnectFields(1, 0));

        Assert.Equal(Modem.Profile.OperatorName, home["Provider"]!.AsStruct()["ProviderName"].AsString());
        Assert.Equal(4, registration["RegisterState"]!.AsInteger()); // roaming
        Assert.Equal((Modem.Signal.RssiDbm + 113) / 2, signal["Rssi"]!.AsInteger());
        Assert.Equal(2, attach["PacketServiceState"]!.AsInteger()); // attached
        Assert.Equal(1, connect["ActivationState"]!.AsInteger());
        Assert.Equal(session.Ipv4!.ToString(), ip["IPv4Address"]!.AsArray()[0].AsStruct()["IPv4Address"].AsString());
        Assert.Equal(session.Ipv4Gateway!.ToString(), ip["IPv4Gateway"]!.AsString());
        Assert.Equal(Modem.Statistics.InOctets, statistics["InOctets"]!.AsInteger());
        Assert.Empty(Modem.Sessions);
    }

    /// <summary>libmbim declares IP Configuration's query with the response's fields; a query sends them empty.</summary>
    private static QmiField[] EmptyIpConfiguration() =>
    [
        F("IPv4ConfigurationAvailable", 0), F("IPv6ConfigurationAvailable", 0),
        new("IPv4Address", new QmiArray([])), new("IPv6Address", new QmiArray([])),
        new("IPv4DnsServer", new QmiArray([])), new("IPv6DnsServer", new QmiArray([])),
        F("IPv4Mtu", 0), F("IPv6Mtu", 0),
    ];

    [Fact]
    public async Task FccUnlock_QmiClientOverMbimThenRadioOn()
    {
        await using var mbim = await OpenAsync("em7355-fcc-locked");
        var refused = await Assert.ThrowsAsync<MbimStatusException>(() => mbim.SetAsync("basic-connect", "Radio State", [F("RadioState", 1)]));
        Assert.Equal(MbimStatus.Failure, refused.Status);

        await using (var qmi = await QmiDevice.OpenAsync(mbim.OpenQmiTransport(), new QmiDeviceOptions { Name = "QMI over simulated MBIM" }))
        {
            await using var dms = await QmiClient.AllocateAsync(qmi, "dms", 2);
            var ids = await dms.RequestAsync("Get IDs");
            Assert.Equal(Modem.Profile.Imei, ids["Imei"]!.AsString());
            await dms.RequestAsync("Set FCC Authentication");
        }
        var on = await mbim.SetAsync("basic-connect", "Radio State", [F("RadioState", 1)]);

        Assert.False(Modem.FccLocked);
        Assert.Equal(1, on["SwRadioState"]!.AsInteger());
        Assert.Equal(OperatingMode.Online, Modem.Mode);
    }

    [Fact]
    public async Task QmiIndicationOverMbim_ReachesTheQmiClient()
    {
        await using var mbim = await OpenAsync();
        await using var qmi = await QmiDevice.OpenAsync(mbim.OpenQmiTransport(), new QmiDeviceOptions { Name = "QMI over simulated MBIM" });
        await using var nas = await QmiClient.AllocateAsync(qmi, "nas", 3);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using var indications = nas.IndicationsAsync(wait.Token).GetAsyncEnumerator(wait.Token);

        Modem.SetRegistration(RegistrationState.Denied);

        Assert.True(await indications.MoveNextAsync());
        Assert.Equal("Serving System", indications.Current.Name);
        Assert.Equal(3, indications.Current["Serving System"]!.AsStruct()["Registration State"].AsInteger()); // registration-denied
    }

    [Fact]
    public async Task FragmentedResponses_AreReassembledByOurClient()
    {
        await using var mbim = await OpenAsync(maxControlTransfer: 64);
        Port.Faults.Add(new MbimFault("basic-connect", "Device Caps", MbimFaultKind.Fragment, FragmentSize: 64));

        var list = await mbim.QueryAsync("basic-connect", "Pin List");   // fragmented to the OPEN's 64 bytes
        var caps = await mbim.QueryAsync("basic-connect", "Device Caps"); // fragmented by the fault

        Assert.Equal(2, list["PinDescPin1"]!.AsStruct()["PinMode"].AsInteger()); // disabled on the default SIM
        Assert.Equal(Modem.Profile.Revision, caps["FirmwareInfo"]!.AsString());
        Assert.Equal(0, mbim.MalformedTransfers);
    }

    [Fact]
    public async Task OutOfOrderFragments_FailTheRequestAtOnceWithoutHanging()
    {
        await using var mbim = await OpenAsync(timeout: TimeSpan.FromSeconds(10));
        Port.Faults.Add(new MbimFault("basic-connect", "Device Caps", MbimFaultKind.OutOfOrderFragments, FragmentSize: 64));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<MbimProtocolException>(() => mbim.QueryAsync("basic-connect", "Device Caps"));

        Assert.Equal(MbimProtocolError.FragmentOutOfSequence, error.Error);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"failed after {started.Elapsed}");
        Assert.Equal(MbimStatus.Success, (await mbim.QueryAsync("basic-connect", "Radio State")).Status);
    }

    [Fact]
    public async Task StopAnswering_TimesOutNamingTheRequest()
    {
        // The OPEN, answered, shares this timeout: 500 ms was too short for a loaded CI machine.
        await using var mbim = await OpenAsync(timeout: TimeSpan.FromSeconds(3));
        Port.Faults.Add(new MbimFault(null, null, MbimFaultKind.StopAnswering));

        var error = await Assert.ThrowsAsync<MbimTimeoutException>(() => mbim.QueryAsync("basic-connect", "Radio State"));

        Assert.Contains("Radio State", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Indications_ArriveForModemChanges()
    {
        await using var mbim = await OpenAsync();
        await mbim.SubscribeAsync(new Dictionary<string, IReadOnlyList<string>> { ["basic-connect"] = ["Signal State"] });

        Modem.SetSignal(new SignalQuality(-61, -90, -9, 15));
        await using var indications = mbim.IndicationsAsync().GetAsyncEnumerator();
        Assert.True(await indications.MoveNextAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));

        Assert.Equal("Signal State", indications.Current.Command);
        Assert.Equal((-61 + 113) / 2, indications.Current["Rssi"]!.AsInteger());
    }
}

/// <summary>The internet context UUID as tests write it (MBIM 1.0 Table 10-74, libmbim mbim-uuid.c).</summary>
internal static class MbimConnectFaceContext
{
    public const string Internet = "7e5e2a7e-4e6f-7272-736b-656e7e5e2a7e";
}
