using System.Runtime.InteropServices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WwanDaemon.Linux.Uevents;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Daemon.Simulation;

/// <summary>
/// The simulated machine of `--simulate`: a temporary sysfs and /dev the daemon's real code reads, a
/// kernel model reacting to its writes, and the scenario's modems plugged once the host has started
/// (so coldplug and hotplug both run). Removed when the host stops.
/// </summary>
public sealed class SimulatedMachineService : IHostedService, IAsyncDisposable
{
    private readonly SimulatedMachine machine;
    private readonly List<SimulatedModem> modems = [];
    private readonly CancellationTokenSource stopping = new();
    private Task replugging = Task.CompletedTask;
    private ILogger logger = Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    private SimulatedMachineService(SimulatedMachine machine, Scenario scenario, string stateDirectory)
    {
        this.machine = machine;
        Scenario = scenario;
        StateDirectory = stateDirectory;
    }

    public Scenario Scenario { get; }

    public string SysRoot => machine.SysRoot;

    public string DevRoot => machine.DevRoot;

    /// <summary>A state directory with the default profile (APN "internet", auto-connect), inside the machine's root.</summary>
    public string StateDirectory { get; }

    public IUeventSource Uevents => machine.Uevents;

    /// <summary>Where the data path's lines go (set by the host when it creates the service).</summary>
    public void UseLogger(ILogger logger) => this.logger = logger;

    public static SimulatedMachineService Create(Scenario scenario) => Create(scenario, new SimulatedMachineOptions());

    /// <summary>The machine with <paramref name="options"/>: TUN-backed wwanN for `--IpConfiguration=apply`.</summary>
    public static SimulatedMachineService Create(Scenario scenario, SimulatedMachineOptions options)
    {
        var machine = SimulatedMachine.Create(null, options);
        var state = Path.Combine(machine.Root, "state");
        Modem.ConnectionProfiles.ProfileStore.Open(state).Save(new Modem.ConnectionProfiles.ConnectionProfile());
        return new SimulatedMachineService(machine, scenario, state);
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var planned in Scenario.Modems)
        {
            var modem = new SimulatedModem(planned.Profile);
            modems.Add(modem);
            await machine.PlugAsync(modem, planned.BusPath, cancellationToken).ConfigureAwait(false);
        }
        foreach (var tun in machine.DataPaths)
        {
            logger.LogInformation("simulated data path: {Interface} is a TUN device in this network namespace; while connected, the simulated network answers pings to the session's gateway and to any other address", tun.Interface);
        }
        if (Scenario.Replugs > 0)
        {
            replugging = Task.Run(() => ReplugAsync(stopping.Token), CancellationToken.None);
        }
        ListenForPlugSignals();
    }

    /// <summary>SIGUSR1 and SIGUSR2 (signal(7) numbers on Linux x86 and ARM): unplug and plug the scenario's modems by hand.</summary>
    private const int SigUsr1 = 10;
    private const int SigUsr2 = 12;

    private readonly List<PosixSignalRegistration> plugSignals = [];
    private readonly SemaphoreSlim plugGate = new(1, 1);

    // Plugs and unplugs by hand still under way: StopAsync waits for them before the machine is removed.
    private readonly List<Task> handPlugs = [];
    private bool unpluggedByHand;

    /// <summary>
    /// A person (or a test) pulls the simulated modems out with `kill -USR1 PID` and puts them back
    /// with `kill -USR2 PID`: the machine sends the same uevents as a real unplug and plug.
    /// </summary>
    private void ListenForPlugSignals()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        plugSignals.Add(PosixSignalRegistration.Create((PosixSignal)SigUsr1, context =>
        {
            context.Cancel = true;
            StartHandPlug(plug: false);
        }));
        plugSignals.Add(PosixSignalRegistration.Create((PosixSignal)SigUsr2, context =>
        {
            context.Cancel = true;
            StartHandPlug(plug: true);
        }));
    }

    private void StartHandPlug(bool plug)
    {
        var task = Task.Run(() => PlugByHandAsync(plug), CancellationToken.None);
        lock (handPlugs)
        {
            handPlugs.RemoveAll(t => t.IsCompleted);
            handPlugs.Add(task);
        }
    }

    private async Task PlugByHandAsync(bool plug)
    {
        await plugGate.WaitAsync(stopping.Token).ConfigureAwait(false);
        try
        {
            if (unpluggedByHand != plug)
            {
                logger.LogInformation("simulated machine: the modems are already {Where}", plug ? "plugged in" : "unplugged");
                return;
            }
            foreach (var (planned, modem) in Scenario.Modems.Zip(modems))
            {
                if (plug)
                {
                    await machine.PlugAsync(modem, planned.BusPath, stopping.Token).ConfigureAwait(false);
                }
                else
                {
                    await machine.UnplugAsync(planned.BusPath, stopping.Token).ConfigureAwait(false);
                }
                logger.LogInformation("simulated machine: {Device} {What} by hand", planned.BusPath, plug ? "plugged in" : "unplugged");
            }
            unpluggedByHand = !plug;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // the host is stopping
        }
        finally
        {
            plugGate.Release();
        }
    }

    /// <summary>How long a resetting module stays off the bus (longer than the watcher's settle time, as a real reset is).</summary>
    private static readonly TimeSpan OffTheBus = TimeSpan.FromMilliseconds(500);

    /// <summary>Seed 002: the module resets itself a few seconds after it registers, over and over.</summary>
    private async Task ReplugAsync(CancellationToken cancellationToken)
    {
        try
        {
            for (var cycle = 0; cycle < Scenario.Replugs; cycle++)
            {
                await Task.Delay(Scenario.ReplugEvery, cancellationToken).ConfigureAwait(false);
                foreach (var (planned, modem) in Scenario.Modems.Zip(modems))
                {
                    await machine.UnplugAsync(planned.BusPath, cancellationToken).ConfigureAwait(false);
                    await Task.Delay(OffTheBus, cancellationToken).ConfigureAwait(false);
                    await machine.PlugAsync(modem, planned.BusPath, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the host is stopping
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var registration in plugSignals)
        {
            registration.Dispose();
        }
        await stopping.CancelAsync().ConfigureAwait(false);
        await replugging.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Task[] pending;
        lock (handPlugs)
        {
            pending = [.. handPlugs];
        }
        // A signal that came just before the stop: its plug must not write into the tree while DisposeAsync removes it.
        await Task.WhenAll(pending).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        foreach (var tun in machine.DataPaths)
        {
            logger.LogInformation("simulated data path {Interface}: {PacketsSeen} packets seen, {EchoRequestsAnswered} echo requests answered, {Malformed} malformed, {Ignored} ignored, {RepliesLost} replies lost",
                tun.Interface, tun.PacketsSeen, tun.EchoRequestsAnswered, tun.Malformed, tun.Ignored, tun.RepliesLost);
        }
    }

    public async ValueTask DisposeAsync()
    {
        stopping.Dispose();
        plugGate.Dispose();
        await machine.DisposeAsync().ConfigureAwait(false);
        foreach (var modem in modems)
        {
            modem.Dispose();
        }
    }
}
