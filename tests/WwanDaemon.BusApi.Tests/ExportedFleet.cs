using WwanDaemon.BusApi;
using WwanDaemon.BusApi.Authorization;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Server;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Supervision;

namespace WwanDaemon.BusApi.Tests;

/// <summary>
/// The API on a private bus over the real ModemFleet holding one connected modem (with its SIM and
/// bearer), as the supervisor would publish it. No commands: the fleet is read-only here.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "xunit disposes fixtures through IAsyncLifetime.DisposeAsync")]
public sealed class ExportedFleet : IAsyncLifetime
{
    private PrivateBus? bus;
    private ObjectServer? server;
    private ModemManagerApi? api;

    public BusConnection Connection { get; private set; } = null!;

    public BusConnection Client { get; private set; } = null!;

    public ModemFleet Fleet { get; } = new();

    public string Address => bus!.Address;

    public static ModemSnapshot Connected { get; } = new ModemSnapshot("1-1", "/sys/devices/usb1/1-1", ModemState.Connected, null, 1, [], "/dev/cdc-wdm0", "qmi",
        new IpConfigurationReport("wwan0", "static", "192.0.2.2/24", "192.0.2.1", ["192.0.2.53"], 1500, false))
    {
        Manufacturer = "Maker",
        Model = "Model 1",
        Imei = "356938035643809",
        Iccid = "89014103211118510720",
        Imsi = "310410123456789",
        SimLock = SimLock.Ready,
        Registration = Registration.Home,
        SignalQuality = 74,
        Ports = [new ModemPortInfo("cdc-wdm0", ModemPortType.Qmi), new ModemPortInfo("wwan0", ModemPortType.Net)],
        Connection = new ConnectRequest("internet"),
    };

    public async Task InitializeAsync()
    {
        bus = PrivateBus.Start();
        Connection = BusConnection.Connect(bus.Address);
        Client = BusConnection.Connect(bus.Address);
        server = await ObjectServer.StartAsync(Connection, BusNames.ManagerPath);
        Fleet.Publish(Connected);
        api = new ModemManagerApi(server, Fleet, new BusApiOptions(), new ControlAuthorizer("netdev", () => UnixAccounts.Parse("", "")));
        await api.StartAsync();
        await Connection.RequestNameAsync(BusNames.ModemManager);
        // The loop exports asynchronously (SIM, bearer, then the modem): wait until the modem is there.
        // A deadline, not a number of tries (which a loaded machine stretches), and a failure naming it, not tests on a half-exported fleet.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!(await IntrospectAsync(BusNames.ModemPathPrefix + "0")).Contains(BusNames.ModemInterface + "\"", StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{BusNames.ModemPathPrefix}0 was not exported with {BusNames.ModemInterface} within 30 s");
            }
            await Task.Delay(25);
        }
    }

    public async Task<string> IntrospectAsync(string path)
    {
        var reply = await Client.CallAsync(BusNames.ModemManager, path, "org.freedesktop.DBus.Introspectable", "Introspect", []);
        return ((DBus.Values.StringValue)reply[0]).Value;
    }

    public async Task DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
        }
        server?.Dispose();
        Client.Dispose();
        Connection.Dispose();
        bus?.Dispose();
    }
}
