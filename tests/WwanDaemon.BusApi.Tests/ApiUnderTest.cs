using WwanDaemon.BusApi.Authorization;
using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;
using WwanDaemon.Supervision;

namespace WwanDaemon.BusApi.Tests;

/// <summary>The API over the real <see cref="ModemFleet"/> and <see cref="RecordingCommands"/>, exported into a <see cref="RecordingExporter"/>.</summary>
internal sealed class ApiUnderTest : IAsyncDisposable
{
    public const string Modem0 = "/org/freedesktop/ModemManager1/Modem/0";

    public static readonly DBusCaller Root = new(":1.7", 0, 1);

    public static readonly DBusCaller Nobody = new(":1.8", 65534, 2);

    private ApiUnderTest(ModemFleet fleet, RecordingCommands commands, RecordingExporter exporter, ModemManagerApi api)
    {
        Fleet = fleet;
        Commands = commands;
        Exporter = exporter;
        Api = api;
    }

    public ModemFleet Fleet { get; }

    public RecordingCommands Commands { get; }

    public RecordingExporter Exporter { get; }

    public ModemManagerApi Api { get; }

    /// <summary>No one but root is in the control group.</summary>
    public static UnixAccounts Accounts() => UnixAccounts.Parse("root:x:0:0::/root:/bin/sh\nnobody:x:65534:65534::/:/bin/false\n", "netdev:x:108:\n");

    public static async Task<ApiUnderTest> StartAsync(params WwanDaemon.Modem.Fleet.ModemSnapshot[] modems)
    {
        var fleet = new ModemFleet();
        var commands = new RecordingCommands(fleet);
        fleet.Commands = commands;
        foreach (var modem in modems)
        {
            fleet.Publish(modem);
        }
        var exporter = new RecordingExporter();
        var api = new ModemManagerApi(exporter, fleet, new BusApiOptions(), new ControlAuthorizer("netdev", Accounts));
        await api.StartAsync();
        if (modems.Length > 0)
        {
            await exporter.WaitUntilAsync(e => e.Objects.ContainsKey(Modem0), "exporting Modem/0");
        }
        return new ApiUnderTest(fleet, commands, exporter, api);
    }

    /// <summary>Calls a method's handler as the bus would, as <paramref name="caller"/> (root by default).</summary>
    public async Task<IReadOnlyList<DBusValue>> CallAsync(string path, string @interface, string member, DBusCaller? caller, params DBusValue[] arguments) =>
        await Exporter.Method(path, @interface, member).Handler(new DBusCall(path, @interface, member, arguments, caller ?? Root));

    /// <summary>The D-Bus error a call ends with.</summary>
    public async Task<DBusErrorException> FailAsync(string path, string @interface, string member, DBusCaller? caller, params DBusValue[] arguments) =>
        await Assert.ThrowsAsync<DBusErrorException>(() => CallAsync(path, @interface, member, caller, arguments));

    public ValueTask DisposeAsync() => Api.DisposeAsync();
}
