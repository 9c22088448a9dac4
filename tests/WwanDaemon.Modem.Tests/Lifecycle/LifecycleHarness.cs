using System.Collections.Concurrent;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Simulator.At;
using WwanDaemon.Simulator.Links;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Mbim;
using WwanDaemon.Simulator.Qmi;

namespace WwanDaemon.Modem.Tests.Lifecycle;

/// <summary>
/// A simulated modem on an in-memory link (its QMI, MBIM or AT face), the matching backend on the
/// host end and a lifecycle walking it; every published snapshot is kept so tests can assert the states seen, in order.
/// </summary>
internal sealed class LifecycleHarness : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly CancellationTokenSource stopModem = new();
    private readonly Stream host;
    private Stream? device;
    private Task serving = Task.CompletedTask;
    private Task? running;

    private LifecycleHarness(SimulatedModem modem, Stream host)
    {
        Modem = modem;
        this.host = host;
    }

    public SimulatedModem Modem { get; }

    public IModemBackend Backend { get; private set; } = null!;

    /// <summary>The simulated AT port, with protocol "at" (what it heard: <see cref="SimulatedAtPort.HeardLines"/>).</summary>
    public SimulatedAtPort? AtPort { get; private set; }

    public ModemLifecycle Lifecycle { get; private set; } = null!;

    public ConcurrentQueue<ModemSnapshot> Published { get; } = new();

    public IReadOnlyList<ModemState> States => Published.Select(s => s.State).ToArray();

    /// <param name="protocol">"qmi", "mbim" or "at": which face of the simulated modem the backend talks to.</param>
    /// <param name="dataCall">With "at": the data-call dialect the backend is told to use.</param>
    /// <param name="adjust">Changes the simulator profile before the modem starts (a PIN-locked SIM7600).</param>
    public static async Task<LifecycleHarness> StartAsync(string profile, ConnectionProfile? connection, ModemLifecycleOptions? options = null, bool fccUnlock = false, string protocol = "qmi",
        AtDataCallDialect dataCall = AtDataCallDialect.GenericCgact, Func<ModemProfile, ModemProfile>? adjust = null,
        WwanDaemon.At.Parsers.QuectelNetDeviceLayout quectelLayout = WwanDaemon.At.Parsers.QuectelNetDeviceLayout.OperationFirst)
    {
        var modemProfile = Profiles.Get(profile);
        var modem = new SimulatedModem(adjust is null ? modemProfile : adjust(modemProfile));
        var (host, device) = InMemoryLink.Create();
        var harness = new LifecycleHarness(modem, host) { device = device };
        if (protocol == "at")
        {
            var port = new SimulatedAtPort(modem, new AtPortOptions { Name = "ttyUSB2" });
            harness.AtPort = port;
            harness.serving = Task.Run(() => port.ServeAsync(device, harness.stopModem.Token));
            harness.Backend = await AtModemBackend.OpenAsync(host,
                new AtBackendOptions { PortName = "/dev/ttyUSB2", CommandTimeout = TimeSpan.FromSeconds(2), NetworkCommandTimeout = TimeSpan.FromSeconds(4), DataCall = dataCall, QuectelLayout = quectelLayout }, CancellationToken.None);
        }
        else if (protocol == "mbim")
        {
            var port = new SimulatedMbimPort(modem);
            harness.serving = Task.Run(() => port.ServeAsync(device, harness.stopModem.Token));
            harness.Backend = await MbimModemBackend.OpenAsync(host,
                new MbimBackendOptions { PortName = "/dev/cdc-wdm0", RequestTimeout = TimeSpan.FromSeconds(2), FccUnlockOverQmi = fccUnlock }, CancellationToken.None);
        }
        else
        {
            var port = new SimulatedQmiPort(modem);
            harness.serving = Task.Run(() => port.ServeAsync(device, harness.stopModem.Token));
            harness.Backend = await QmiModemBackend.OpenAsync(host,
                new QmiBackendOptions { PortName = "/dev/cdc-wdm0", RequestTimeout = TimeSpan.FromSeconds(2), FccUnlock = fccUnlock }, CancellationToken.None);
        }
        var initial = new ModemSnapshot("1-6", "/sys/devices/usb1/1-6", ModemState.Unknown, null, 1, [], null, null, null);
        harness.Lifecycle = new ModemLifecycle(initial, harness.Backend, (_, _) => connection, new ReportingIpConfigurator(), "wwan0",
            harness.Published.Enqueue, options ?? Fast);
        harness.running = harness.Lifecycle.RunAsync(harness.stop.Token);
        return harness;
    }

    public static ModemLifecycleOptions Fast { get; } = new()
    {
        Backoff = new ReconnectBackoff { Initial = TimeSpan.FromMilliseconds(50), Maximum = TimeSpan.FromMilliseconds(400), Jitter = 0 },
        RegistrationPoll = TimeSpan.FromMilliseconds(50),
        SignalPoll = TimeSpan.FromMilliseconds(100),
    };

    /// <summary>Waits until the lifecycle publishes a snapshot matching <paramref name="condition"/>.</summary>
    public async Task<ModemSnapshot> WaitForAsync(Func<ModemSnapshot, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (condition(Lifecycle.Snapshot))
            {
                return Lifecycle.Snapshot;
            }
            if (running is { IsCompleted: true } && !condition(Lifecycle.Snapshot))
            {
                throw new InvalidOperationException($"the lifecycle ended at {Lifecycle.Snapshot.State} ({Lifecycle.Snapshot.StateReason}) before: {what}");
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"not reached within the timeout: {what}; now {Lifecycle.Snapshot.State} ({Lifecycle.Snapshot.StateReason}); states seen: {string.Join(" → ", States)}");
    }

    /// <summary>
    /// Waits until the lifecycle has published, at or after the <paramref name="since"/>-th snapshot, one matching
    /// <paramref name="condition"/> and returns the first such. For passing states (a reconnect attempt lasts one
    /// short backoff): <see cref="WaitForAsync"/> looks at the current snapshot only, and on a loaded machine its
    /// polls can miss a state that is already over.
    /// </summary>
    public async Task<ModemSnapshot> WaitForPublishedAsync(int since, Func<ModemSnapshot, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            var ended = running is { IsCompleted: true };
            if (Published.Skip(since).FirstOrDefault(condition) is { } seen)
            {
                return seen;
            }
            if (ended)
            {
                throw new InvalidOperationException($"the lifecycle ended at {Lifecycle.Snapshot.State} ({Lifecycle.Snapshot.StateReason}) before: {what}");
            }
            await Task.Delay(10);
        }
        throw new TimeoutException($"not published within the timeout: {what}; now {Lifecycle.Snapshot.State} ({Lifecycle.Snapshot.StateReason}); states seen: {string.Join(" → ", States)}");
    }

    /// <summary>Awaits a command's task; when it does not complete in time, says where the walk was.</summary>
    public async Task CommandAsync(Func<ModemLifecycle, Task> command, TimeSpan? timeout = null)
    {
        try
        {
            await command(Lifecycle).WaitAsync(timeout ?? TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the command did not complete; now {Lifecycle.Snapshot.State} ({Lifecycle.Snapshot.StateReason}) at step {Lifecycle.Step}; states seen: {string.Join(" → ", States)}");
        }
    }

    public Task<ModemSnapshot> WaitForStateAsync(ModemState state, TimeSpan? timeout = null) => WaitForAsync(s => s.State == state, $"state {state}", timeout);

    /// <summary>Stops the lifecycle (as the daemon stopping does) and waits for it.</summary>
    public async Task StopAsync()
    {
        await stop.CancelAsync();
        if (running is not null)
        {
            await running.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>Pulls the plug: the modem side stops serving and the link closes (the host reads end of stream).</summary>
    public async Task UnplugAsync()
    {
        await stopModem.CancelAsync();
        await serving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (device is not null)
        {
            await device.DisposeAsync();
        }
    }

    public Task Running => running ?? Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await Backend.DisposeAsync();
        await UnplugAsync();
        await host.DisposeAsync();
        stop.Dispose();
        stopModem.Dispose();
    }
}
