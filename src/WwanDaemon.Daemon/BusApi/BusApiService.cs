using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Core;
using Serilog.Events;
using WwanDaemon.BusApi;
using WwanDaemon.BusApi.Authorization;
using WwanDaemon.Composition.Diagnosis;
using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Server;
using WwanDaemon.Daemon.Configuration;
using WwanDaemon.Linux.Sysfs;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Supervision;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Daemon.BusApi;

/// <summary>
/// The D-Bus APIs of a running daemon: connects to the configured bus, exports the manager and the
/// modems (ModemManagerApi), then owns org.wwandaemon.WwanDaemon1 and, unless ModemManagerApi=off,
/// org.freedesktop.ModemManager1 — names last, so a client that sees a name finds every object. A bus
/// that cannot be reached or a name already taken is a warning: the modems are managed all the same.
/// </summary>
public sealed class BusApiService(
    DaemonOptions options,
    IModemFleet? fleet,
    LivePolicy? policy,
    LoggingLevelSwitch? levels,
    string sysfsRoot,
    string version,
    ILogger<BusApiService> logger) : IHostedService, IAsyncDisposable
{
    private BusConnection? connection;
    private ObjectServer? server;
    private ModemManagerApi? api;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (fleet is null)
        {
            logger.LogWarning("D-Bus: no modem fleet is wired into this build; the D-Bus API is not started");
            return;
        }
        if (options.Bus == "none")
        {
            logger.LogInformation("D-Bus: Bus=none, the D-Bus API is not started (mmcli, NetworkManager and wwanctl will not see the modems)");
            return;
        }
        var bus = options.Bus == "system" ? null : options.Bus;
        var described = bus ?? (Environment.GetEnvironmentVariable("DBUS_SYSTEM_BUS_ADDRESS") is { Length: > 0 } address ? $"the system bus at {address}" : "the system bus");
        try
        {
            connection = BusConnection.Connect(bus);
        }
        catch (DBusException unreachable)
        {
            logger.LogWarning("D-Bus: {Bus} cannot be reached ({Reason}); modems are managed without the D-Bus API (mmcli, NetworkManager and wwanctl will not see them). Start the bus (systemctl start dbus), or set Bus=none to silence this",
                described, unreachable.Message);
            return;
        }
        server = await ObjectServer.StartAsync(connection, BusNames.ManagerPath).ConfigureAwait(false);
        api = new ModemManagerApi(server, fleet, ApiOptions(), new ControlAuthorizer(options.ControlGroup, () => UnixAccounts.Read(), options.Polkit ? new BusPolkitAuthority(connection) : null), logger);
        await api.StartAsync().ConfigureAwait(false);
        await OwnAsync(BusNames.Own, described).ConfigureAwait(false);
        if (options.ModemManagerApi)
        {
            await OwnAsync(BusNames.ModemManager, described).ConfigureAwait(false);
        }
        logger.LogInformation("D-Bus: serving {Names} on {Bus}", options.ModemManagerApi ? $"{BusNames.Own} and {BusNames.ModemManager}" : BusNames.Own, described);
    }

    private async Task OwnAsync(string name, string bus)
    {
        try
        {
            await connection!.RequestNameAsync(name).ConfigureAwait(false);
        }
        catch (DBusException refused)
        {
            var fix = name == BusNames.ModemManager
                ? "stop ModemManager (systemctl stop ModemManager) or set ModemManagerApi=off"
                : "stop the other wwan-daemon, or install packaging/dbus-1/system.d/org.wwandaemon.WwanDaemon1.conf so root may own the name";
            logger.LogWarning("D-Bus: {Name} cannot be owned on {Bus}: {Reason}; {Fix}", name, bus, refused.Message, fix);
        }
    }

    private BusApiOptions ApiOptions() => new()
    {
        DaemonVersion = version,
        ModemManagerNameOwned = options.ModemManagerApi,
        Policy = () => policy?.Name ?? PolicyName(options),
        SetPolicy = policy is null ? null : policy.Set,
        SetLogLevel = levels is null ? null : level => levels.MinimumLevel = level switch
        {
            "ERR" => LogEventLevel.Error,
            "WARN" => LogEventLevel.Warning,
            "INFO" => LogEventLevel.Information,
            _ => LogEventLevel.Debug,
        },
        Diagnose = Diagnose,
    };

    private static string PolicyName(DaemonOptions options) => options.Policy switch
    {
        Composition.Planning.CompositionPolicy.PreferQmi => "prefer-qmi",
        Composition.Planning.CompositionPolicy.Keep => "keep",
        _ => "prefer-mbim",
    };

    /// <summary>`wwanctl diagnose --sysfs ROOT --json` of the live devices: all modem candidates, or the one at <paramref name="device"/>.</summary>
    private string Diagnose(string? device)
    {
        var knowledgeBase = KnowledgeBaseData.Embedded;
        var currentPolicy = policy?.Current ?? options.Policy;
        var devices = new SysfsUsbReader(sysfsRoot).ReadAll()
            .Where(d => device is null ? Diagnoser.IsModemCandidate(d, knowledgeBase) : d.BusPath == Path.GetFileName(device));
        return DiagnosisJsonWriter.Write(devices.Select(d => Diagnoser.Diagnose(d, [], currentPolicy, knowledgeBase)).ToArray());
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (api is not null)
        {
            await api.DisposeAsync().ConfigureAwait(false);
            api = null;
        }
        server?.Dispose();
        server = null;
        connection?.Dispose();
        connection = null;
    }
}
