using Microsoft.Extensions.Logging.Abstractions;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Devices.Binding;
using WwanDaemon.Devices.Inventory;
using WwanDaemon.Devices.Watching;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Modem.Probing;
using WwanDaemon.Simulator.Machine;

namespace WwanDaemon.Supervision.Tests;

/// <summary>
/// The daemon's supervision (watcher, binding executor, prober, backends, lifecycles) running its
/// real Linux code paths against a <see cref="SimulatedMachine"/>: sysfs writes, ptys, uevents.
/// </summary>
internal sealed class MachineFleet : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly string state = Directory.CreateTempSubdirectory("wwan-state-").FullName;
    private Task running = Task.CompletedTask;

    private MachineFleet(SimulatedMachine machine) => Machine = machine;

    public SimulatedMachine Machine { get; }

    public ModemFleet Fleet { get; } = new();

    public FleetSupervisor Supervisor { get; private set; } = null!;

    public ProfileStore Profiles { get; private set; } = null!;

    public static async Task<MachineFleet> StartAsync(CompositionPolicy policy = CompositionPolicy.PreferMbim, ConnectionProfile? profile = null, bool allowModeSwitch = false)
    {
        var fleet = new MachineFleet(SimulatedMachine.Create());
        fleet.Profiles = ProfileStore.Open(fleet.state);
        fleet.Profiles.Save(profile ?? new ConnectionProfile());
        var options = new SupervisorOptions
        {
            SysfsRoot = fleet.Machine.SysRoot,
            DevRoot = fleet.Machine.DevRoot,
            Policy = policy,
            AllowModeSwitch = allowModeSwitch,
            RequestTimeout = TimeSpan.FromSeconds(3),
            RetryAfterFailure = TimeSpan.FromMilliseconds(300),
            Lifecycle = new ModemLifecycleOptions
            {
                Backoff = new ReconnectBackoff { Initial = TimeSpan.FromMilliseconds(100), Maximum = TimeSpan.FromSeconds(1) },
                RegistrationPoll = TimeSpan.FromMilliseconds(100),
                SignalPoll = TimeSpan.FromMilliseconds(500),
            },
        };
        var context = new SupervisorContext(options, fleet.Fleet, new DeviceInventory(options.SysfsRoot, options.DevRoot),
            new BindingExecutor(options.SysfsRoot), new LinuxProbePortOpener(), new LinuxModemBackendFactory(new LinuxProbePortOpener(), options.RequestTimeout),
            fleet.Profiles, new ReportingIpConfigurator(), KnowledgeBase.Embedded, NullLoggerFactory.Instance);
        fleet.Supervisor = new FleetSupervisor(fleet.Machine.Uevents, context, new ReenumerationLoopDetector(options.LoopCycles, options.LoopWindow),
            new DeviceWatcherOptions { SettleDelay = TimeSpan.FromMilliseconds(100) });
        fleet.running = Task.Run(() => fleet.Supervisor.RunAsync(fleet.stop.Token));
        await Task.Yield();
        return fleet;
    }

    public async Task<ModemSnapshot> WaitForAsync(string id, Func<ModemSnapshot, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            if (Fleet.Find(id) is { } modem && condition(modem))
            {
                return modem;
            }
            if (running.IsFaulted)
            {
                await running;
            }
            await Task.Delay(20);
        }
        var now = Fleet.Find(id);
        throw new TimeoutException($"{id}: not reached: {what}; now {now?.State} ({now?.StateReason}); kernel log: {string.Join(" | ", Machine.KernelLog.TakeLast(8))}");
    }

    public Task<ModemSnapshot> WaitForStateAsync(string id, ModemState state, TimeSpan? timeout = null) =>
        WaitForAsync(id, m => m.State == state, $"state {state}", timeout);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Machine.DisposeAsync();
        Directory.Delete(state, recursive: true);
        stop.Dispose();
    }
}
