using WwanDaemon.BusApi.Authorization;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Server;
using WwanDaemon.Supervision;

namespace WwanDaemon.BusApi.Tests.OnBus;

/// <summary>
/// The API on a private dbus-daemon, as the daemon wires it (ObjectServer with the ObjectManager at
/// /org/freedesktop/ModemManager1, both names owned), over the real <see cref="ModemFleet"/> with one
/// registered modem and <see cref="RecordingCommands"/>. The control group is read from this machine's
/// /etc (the tests run as root; nobody is in no group).
/// </summary>
public abstract class ApiOnPrivateBus(bool systemLike) : IAsyncLifetime, IDisposable
{
    private PrivateBus? bus;
    private BusConnection? connection;
    private ObjectServer? server;
    private ModemManagerApi? api;

    public string Address => bus!.Address;

    public ModemFleet Fleet { get; } = new();

    internal RecordingCommands Commands { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        bus = systemLike ? PrivateBus.StartSystemLike() : PrivateBus.Start();
        Commands = new RecordingCommands(Fleet);
        Fleet.Commands = Commands;
        Fleet.Publish(Modems.Registered());
        connection = BusConnection.Connect(bus.Address);
        server = await ObjectServer.StartAsync(connection, BusNames.ManagerPath);
        api = new ModemManagerApi(server, Fleet, new BusApiOptions(), new ControlAuthorizer("netdev", () => UnixAccounts.Read()));
        await api.StartAsync();
        await connection.RequestNameAsync(BusNames.Own);
        await connection.RequestNameAsync(BusNames.ModemManager);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (api.PathOf(Modems.Id) is null || !Mmcli.Run(Address, "-L").Output.Contains(ApiUnderTest.Modem0, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline, "mmcli -L did not list Modem/0 in 20 s");
            await Task.Delay(100);
        }
    }

    public async Task DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync();
            api = null;
        }
        Dispose();
    }

    public void Dispose()
    {
        server?.Dispose();
        connection?.Dispose();
        bus?.Dispose();
        server = null;
        connection = null;
        bus = null;
        GC.SuppressFinalize(this);
    }
}

/// <summary>A bus with the system bus's default policy and packaging/dbus-1/system.d included.</summary>
public sealed class SystemLikeBusApi() : ApiOnPrivateBus(systemLike: true);

/// <summary>A bus that lets everyone call everything: only the daemon's own check stands between a caller and control.</summary>
public sealed class OpenBusApi() : ApiOnPrivateBus(systemLike: false);
