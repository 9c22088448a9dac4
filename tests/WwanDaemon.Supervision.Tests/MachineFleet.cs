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
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Supervision.Tests;

/// <summary>
/// The daemon's supervision (watcher, binding executor, prober, backends, lifecycles) running its
/// real Linux code paths against a <see cref="SimulatedMachine"/>: sysfs writes, ptys, uevents.
/// </summary>
internal sealed class MachineFleet : IAsyncDisposable
{
    private readonly string state = Directory.CreateTempSubdirectory("wwan-state-").FullName;
    private SupervisorOptions options = null!;
    private CancellationTokenSource stop = new();
    private Task running = Task.CompletedTask;
    private readonly List<ModemSnapshot> history = [];

    private MachineFleet(SimulatedMachine machine) => Machine = machine;

    public SimulatedMachine Machine { get; }

    /// <summary>The running daemon's fleet; <see cref="StartNewDaemon"/> starts with a new, empty one, as a new process does.</summary>
    public ModemFleet Fleet { get; private set; } = new();

    public FleetSupervisor Supervisor { get; private set; } = null!;

    public ProfileStore Profiles { get; private set; } = null!;

    /// <param name="policy">The composition policy.</param>
    /// <param name="profile">The one connection profile; the default one when null.</param>
    /// <param name="allowModeSwitch">Allow opt-in AT mode switches.</param>
    /// <param name="loopCycles">Appearances within a minute taken for a re-enumeration loop (raise it for tests that replug on purpose).</param>
    /// <param name="probe">The port probe's budget; the daemon's default when null.</param>
    public static async Task<MachineFleet> StartAsync(CompositionPolicy policy = CompositionPolicy.PreferMbim, ConnectionProfile? profile = null, bool allowModeSwitch = false, int loopCycles = 3,
        ProbeBudget? probe = null)
    {
        var fleet = new MachineFleet(SimulatedMachine.Create());
        fleet.Profiles = ProfileStore.Open(fleet.state);
        fleet.Profiles.Save(profile ?? new ConnectionProfile());
        fleet.options = new SupervisorOptions
        {
            SysfsRoot = fleet.Machine.SysRoot,
            DevRoot = fleet.Machine.DevRoot,
            Policy = policy,
            AllowModeSwitch = allowModeSwitch,
            RequestTimeout = TimeSpan.FromSeconds(3),
            RetryAfterFailure = TimeSpan.FromMilliseconds(300),
            LoopCycles = loopCycles,
            Probe = probe ?? LoadTolerantProbe,
            Lifecycle = new ModemLifecycleOptions
            {
                Backoff = new ReconnectBackoff { Initial = TimeSpan.FromMilliseconds(100), Maximum = TimeSpan.FromSeconds(1) },
                RegistrationPoll = TimeSpan.FromMilliseconds(100),
                SignalPoll = TimeSpan.FromMilliseconds(500),
            },
        };
        fleet.StartDaemon();
        await Task.Yield();
        return fleet;
    }

    /// <summary>
    /// The probe budget of these tests: every try waits 1 s (the daemon's default is 300 ms) and the whole probe 15 s,
    /// as <see cref="SupervisorOptions.RequestTimeout"/> is 3 s here, so that a machine busy with other tests does not
    /// fail a probe whose port answers; no test here is about probe timing.
    /// </summary>
    public static ProbeBudget LoadTolerantProbe { get; } = new()
    {
        AtTryTimeout = TimeSpan.FromSeconds(1), AtRankTimeout = TimeSpan.FromSeconds(1),
        QmiTryTimeout = TimeSpan.FromSeconds(1), MbimTryTimeout = TimeSpan.FromSeconds(1),
        Total = TimeSpan.FromSeconds(15),
    };

    /// <summary>Plugs <paramref name="modem"/> in and returns the machine's view of it (its port faults included).</summary>
    /// <param name="prepare">Runs before the first uevent (port faults the daemon must meet from its first probe).</param>
    public Task<SimulatedMachineDevice> PlugAsync(SimulatedModem modem, string busPath, Action<SimulatedMachineDevice>? prepare = null) =>
        Machine.PlugAsync(modem, busPath, prepare);

    /// <summary>Stops the daemon as systemd does (its token fires) and waits until it ended.</summary>
    public async Task StopDaemonAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // how the supervisor ends when its token fires
        }
        stop.Dispose();
    }

    /// <summary>After <see cref="StopDaemonAsync"/>: starts a new daemon (new fleet, new supervisors) on the same machine, as systemd does.</summary>
    public void StartNewDaemon()
    {
        stop = new CancellationTokenSource();
        Fleet = new ModemFleet();
        StartDaemon();
    }

    private void StartDaemon()
    {
        Fleet.Changed += snapshot =>
        {
            lock (history)
            {
                history.Add(snapshot);
            }
        };
        var context = SupervisorContexts.ForLinux(options, Fleet, Profiles, new ReportingIpConfigurator(), NullLoggerFactory.Instance);
        Supervisor = new FleetSupervisor(Machine.Uevents, context, new ReenumerationLoopDetector(options.LoopCycles, options.LoopWindow),
            new DeviceWatcherOptions { SettleDelay = TimeSpan.FromMilliseconds(100) });
        Fleet.Commands = Supervisor;
        var supervisor = Supervisor;
        var token = stop.Token;
        running = Task.Run(() => supervisor.RunAsync(token));
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

    /// <summary>
    /// Waits until the daemon has published for <paramref name="id"/>, as its <paramref name="since"/>-th state
    /// or later (see <see cref="StatesOf"/>), a snapshot matching <paramref name="condition"/>, and returns the
    /// first such. For passing states (a backoff of 100 ms, one unanswered poll): <see cref="WaitForAsync"/>
    /// looks at the current snapshot only, and on a loaded machine its polls can miss a state that is already over.
    /// </summary>
    public async Task<ModemSnapshot> WaitForPublishedAsync(string id, int since, Func<ModemSnapshot, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline)
        {
            lock (history)
            {
                if (history.Where(s => s.Id == id).Skip(since).FirstOrDefault(condition) is { } seen)
                {
                    return seen;
                }
            }
            if (running.IsFaulted)
            {
                await running;
            }
            await Task.Delay(20);
        }
        var now = Fleet.Find(id);
        throw new TimeoutException($"{id}: never published: {what}; now {now?.State} ({now?.StateReason}); states: {string.Join(" → ", StatesOf(id).Skip(since))}; kernel log: {string.Join(" | ", Machine.KernelLog.TakeLast(8))}");
    }

    public Task<ModemSnapshot> WaitForStateAsync(string id, ModemState state, TimeSpan? timeout = null) =>
        WaitForAsync(id, m => m.State == state, $"state {state}", timeout);

    /// <summary>Waits until the modem left the fleet (unplugged).</summary>
    public Task WaitGoneAsync(string id, TimeSpan? timeout = null) =>
        Eventually.WaitAsync(() => Fleet.Find(id) is null, $"{id} leaves the fleet (now {Fleet.Find(id)?.State})", timeout);

    /// <summary>Forgets the recorded states (a leak measurement must not count the harness's own records).</summary>
    public void ForgetHistory()
    {
        lock (history)
        {
            history.Clear();
        }
    }

    /// <summary>True while the daemon (this fleet's supervisor) runs: a fault recovered "without a restart" leaves it running.</summary>
    public bool DaemonRunning => !running.IsCompleted;

    /// <summary>Every state the daemon published for <paramref name="id"/> since it started, oldest first.</summary>
    public IReadOnlyList<ModemState> StatesOf(string id)
    {
        lock (history)
        {
            return history.Where(s => s.Id == id).Select(s => s.State).ToArray();
        }
    }

    /// <summary>The path since the <paramref name="since"/>-th state, each state with its reason, for failure messages.</summary>
    public string PathOf(string id, int since)
    {
        lock (history)
        {
            return string.Join(" → ", history.Where(s => s.Id == id).Skip(since)
                .Select(s => s.StateReason is null ? $"{s.State}" : $"{s.State} ({s.StateReason})"));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
        }
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Machine.DisposeAsync();
        Directory.Delete(state, recursive: true);
        stop.Dispose();
    }
}
