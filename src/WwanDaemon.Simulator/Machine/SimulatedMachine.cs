using System.Text.RegularExpressions;
using WwanDaemon.Linux.Uevents;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Sysfs;

namespace WwanDaemon.Simulator.Machine;

/// <summary>
/// The simulator as a whole Linux machine: a sysfs tree (ROOT/sys) and a /dev (ROOT/dev) laid out as
/// the kernel lays them out (notes/issue6-contract.md), uevents for everything that happens, and a
/// kernel model that picks a configuration, binds drivers by the kernel's tables (Composition's
/// <c>KernelDrivers</c>), creates the class devices and serves each device node on a pty with the
/// modem's simulated port, and reacts to what a host writes to the control files (bConfigurationValue,
/// drivers' bind/unbind/new_id, qmi/raw_ip). The daemon's real Linux code runs unchanged against it.
/// </summary>
/// <remarks>
/// Every change happens under one kernel lock, in the order the kernel makes it, so uevents arrive
/// in kernel order. Control files: bind, unbind and new_id are named pipes (write-only in the kernel
/// too; every write arrives, in order, even two in a row); bConfigurationValue and qmi/raw_ip are
/// read as well as written, so they are regular files whose content is compared with what the
/// machine last wrote. Both are checked every <see cref="ControlPollInterval"/> (polling rather than
/// inotify: one loop, no watcher threads per file, and a short interval is cheap for a few files);
/// <see cref="ProcessControlWritesAsync"/> checks at once. Unlike sysfs, a write returns before the
/// kernel acted on it: a host waits for the uevent (or the driver link) as it should anyway. Writes to
/// different files within one interval are applied in rebinding order (unbind, bConfigurationValue,
/// new_id, bind, raw_ip). A write the kernel would refuse cannot fail in a fake tree: see
/// <see cref="KernelWriteFailure"/>.
/// </remarks>
public sealed partial class SimulatedMachine : IAsyncDisposable
{
    /// <summary>How often the control files are checked for writes.</summary>
    public static readonly TimeSpan ControlPollInterval = TimeSpan.FromMilliseconds(20);

    private readonly SemaphoreSlim kernel = new(1, 1);
    private readonly MachineUeventSource uevents = new();
    private readonly FakeSysfsTree tree;
    private readonly bool ownsRoot;
    private readonly Dictionary<string, PluggedDevice> devices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SimulatedMachineDevice> views = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Action<UsbReenumeration>> reenumerationHandlers = new(StringComparer.Ordinal);
    private readonly NodeNumbers numbers = new();
    private readonly List<DynamicUsbId> dynamicIds = [];
    private readonly Lock logGate = new();
    private readonly List<string> kernelLog = [];
    private readonly List<KernelWriteFailure> writeFailures = [];
    private readonly List<Exception> backgroundFailures = [];
    private readonly List<Task> backgroundWork = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly Dictionary<int, int> nextDeviceNumber = [];
    private Task? controlLoop;
    private long sequence;
    private int nextIfindex = 10;
    private bool disposed;

    private SimulatedMachine(string root, bool ownsRoot)
    {
        Root = root;
        this.ownsRoot = ownsRoot;
        SysRoot = Path.Combine(root, "sys");
        DevRoot = Path.Combine(root, "dev");
        tree = new FakeSysfsTree(SysRoot);
    }

    /// <summary>The machine's directory: ROOT/sys and ROOT/dev.</summary>
    public string Root { get; }

    /// <summary>ROOT/sys, what the daemon uses as /sys.</summary>
    public string SysRoot { get; }

    /// <summary>ROOT/dev, what the daemon uses as /dev.</summary>
    public string DevRoot { get; }

    /// <summary>The kernel's uevents: add/remove/bind/unbind of devices, interfaces and class devices.</summary>
    public IUeventSource Uevents => uevents;

    /// <summary>What the kernel would have logged (probe failures, refused writes), oldest first.</summary>
    public IReadOnlyList<string> KernelLog
    {
        get
        {
            lock (logGate)
            {
                return [.. kernelLog];
            }
        }
    }

    /// <summary>Control-file writes the kernel would have refused, oldest first.</summary>
    public IReadOnlyList<KernelWriteFailure> WriteFailures
    {
        get
        {
            lock (logGate)
            {
                return [.. writeFailures];
            }
        }
    }

    /// <summary>Raised (on the machine's thread) for each refused control-file write.</summary>
    public event Action<KernelWriteFailure>? WriteFailed;

    /// <summary>
    /// A machine rooted at <paramref name="root"/> (created if missing, must be empty), or in a new
    /// temporary directory that disposing deletes. Its driver directories exist from the start.
    /// </summary>
    public static SimulatedMachine Create(string? root = null) => Create(root, new SimulatedMachineOptions());

    /// <summary>A machine as <see cref="Create(string?)"/> makes it, with <paramref name="options"/> (TUN-backed network interfaces).</summary>
    /// <exception cref="InvalidOperationException">The options ask for TUN devices and the calling thread lacks CAP_NET_ADMIN.</exception>
    public static SimulatedMachine Create(string? root, SimulatedMachineOptions options)
    {
        CheckTunAllowed(options);
        var owns = root is null;
        root ??= Path.Combine(Path.GetTempPath(), "wwan-machine-" + Guid.NewGuid().ToString("N"));
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new ArgumentException($"the simulated machine's root {root} is not empty; give an empty or new directory", nameof(root));
        }
        var machine = new SimulatedMachine(root, owns) { Options = options };
        Directory.CreateDirectory(machine.DevRoot);
        foreach (var directory in new[] { "devices", "bus/usb/devices", "bus/usb/drivers", "bus/usb-serial/devices", "bus/usb-serial/drivers", "class/usbmisc", "class/tty", "class/net" })
        {
            Directory.CreateDirectory(Path.Combine(machine.SysRoot, directory));
        }
        foreach (var driver in KnownDrivers)
        {
            machine.EnsureDriver(driver);
        }
        machine.controlLoop = Task.Run(() => machine.PollControlFilesAsync(machine.stopping.Token));
        return machine;
    }

    /// <summary>
    /// Plugs <paramref name="modem"/> in at <paramref name="busPath"/> ("1-6", "2-1.4"): the device
    /// appears in its current USB composition, the kernel picks a configuration and binds drivers.
    /// Returns when all of that (and its uevents) happened.
    /// </summary>
    /// <exception cref="ArgumentException">The modem's profile has no USB identity, or the bus path is malformed.</exception>
    /// <exception cref="InvalidOperationException">Something is already plugged in at that bus path.</exception>
    public Task<SimulatedMachineDevice> PlugAsync(SimulatedModem modem, string busPath, CancellationToken cancellationToken = default) =>
        PlugAsync(modem, busPath, prepare: null, cancellationToken);

    /// <summary>
    /// As <see cref="PlugAsync(SimulatedModem, string, CancellationToken)"/>, with <paramref name="prepare"/> run on the
    /// device's view before its first uevent: port faults that must be in place before any host can open a port.
    /// </summary>
    public async Task<SimulatedMachineDevice> PlugAsync(SimulatedModem modem, string busPath, Action<SimulatedMachineDevice>? prepare, CancellationToken cancellationToken = default)
    {
        if (!BusPathPattern().IsMatch(busPath))
        {
            throw new ArgumentException($"'{busPath}' is not a USB bus path such as 1-6 or 2-1.4", nameof(busPath));
        }
        if (modem.Profile.UsbVendorId is null || modem.UsbProductId is null)
        {
            throw new ArgumentException($"profile '{modem.Profile.Name}' has no USB identity (UsbVendorId, UsbProductId); only such a modem can be plugged in", nameof(modem));
        }
        await kernel.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (devices.ContainsKey(busPath))
            {
                throw new InvalidOperationException($"a device is already plugged in at {busPath}; unplug it first");
            }
            // The view exists before the first uevent, so a host reacting to "add" can already ask it.
            var view = new SimulatedMachineDevice(modem, busPath, tree.DevicePath(busPath));
            prepare?.Invoke(view);
            lock (logGate)
            {
                views[busPath] = view;
            }
            await AddDeviceAsync(modem, busPath).ConfigureAwait(false);
            view.Publish(devices[busPath]);
            void OnReenumerated(UsbReenumeration change) => RunInBackground($"re-enumerating {busPath} ({change})", () => ReenumerateAsync(busPath, modem));
            reenumerationHandlers[busPath] = OnReenumerated;
            modem.Reenumerated += OnReenumerated;
            return view;
        }
        finally
        {
            kernel.Release();
        }
    }

    /// <summary>
    /// Unplugs the device at <paramref name="busPath"/>: everything of it goes, and hosts holding its
    /// nodes open see the hang-up. The modem loses its bus power with it: its firmware restarts
    /// (<see cref="SimulatedModem.Reset"/>: sessions end, the radio returns to its start mode), so
    /// plugging it in again finds it as after a power cycle, not with the last host's session still up.
    /// </summary>
    /// <exception cref="InvalidOperationException">Nothing is plugged in there.</exception>
    public async Task UnplugAsync(string busPath, CancellationToken cancellationToken = default)
    {
        await kernel.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!devices.TryGetValue(busPath, out var device))
            {
                throw new InvalidOperationException($"nothing is plugged in at {busPath}; plugged: {string.Join(", ", devices.Keys)}");
            }
            device.Modem.Reenumerated -= reenumerationHandlers[busPath];
            reenumerationHandlers.Remove(busPath);
            await RemoveDeviceAsync(device).ConfigureAwait(false);
            SimulatedMachineDevice? view;
            lock (logGate)
            {
                views.Remove(busPath, out view);
            }
            view?.Publish(null);
            device.Modem.Reset();
        }
        finally
        {
            kernel.Release();
        }
    }

    /// <summary>The device plugged in at <paramref name="busPath"/>, or null.</summary>
    public SimulatedMachineDevice? Device(string busPath)
    {
        lock (logGate)
        {
            return views.GetValueOrDefault(busPath);
        }
    }

    /// <summary>Applies control-file writes made so far now, rather than at the next poll.</summary>
    public async Task ProcessControlWritesAsync(CancellationToken cancellationToken = default)
    {
        await kernel.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ApplyControlWritesAsync().ConfigureAwait(false);
        }
        finally
        {
            kernel.Release();
        }
    }

    /// <summary>
    /// Unplugs everything, stops watching and ends the uevent readers; deletes a temporary root.
    /// Throws if background work (a re-enumeration, a control write, a port) failed: a simulator bug.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }
        await stopping.CancelAsync().ConfigureAwait(false);
        await AwaitQuietly(controlLoop).ConfigureAwait(false);
        Task[] pending;
        lock (logGate)
        {
            pending = [.. backgroundWork];
        }
        await Task.WhenAll(pending).ConfigureAwait(false);
        await kernel.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var busPath in devices.Keys.ToArray())
            {
                devices[busPath].Modem.Reenumerated -= reenumerationHandlers[busPath];
                await RemoveDeviceAsync(devices[busPath]).ConfigureAwait(false);
                Device(busPath)?.Publish(null);
            }
            disposed = true;
            DisposeDriverPipes();
        }
        finally
        {
            kernel.Release();
        }
        await uevents.DisposeAsync().ConfigureAwait(false);
        stopping.Dispose();
        if (ownsRoot)
        {
            MachineSysfs.DeleteTree(Root);
        }
        lock (logGate)
        {
            if (backgroundFailures.Count > 0)
            {
                throw new AggregateException("the simulated machine's background work failed (a simulator bug)", backgroundFailures);
            }
        }
    }

    private static async Task AwaitQuietly(Task? task)
    {
        if (task is null)
        {
            return;
        }
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the loop ends by being cancelled
        }
    }

    /// <summary>Runs kernel work that a modem or timer started (never on the caller's thread: a modem raises events from inside its ports).</summary>
    private void RunInBackground(string what, Func<Task> work)
    {
        async Task RunAsync()
        {
            await kernel.WaitAsync().ConfigureAwait(false);
            try
            {
                if (!disposed)
                {
                    await work().ConfigureAwait(false);
                }
            }
            catch (Exception failure)
            {
                lock (logGate)
                {
                    backgroundFailures.Add(new InvalidOperationException($"{what} failed: {failure.Message}", failure));
                }
            }
            finally
            {
                kernel.Release();
            }
        }
        lock (logGate)
        {
            backgroundWork.RemoveAll(t => t.IsCompleted);
            backgroundWork.Add(Task.Run(RunAsync));
        }
    }

    private void Log(string line)
    {
        lock (logGate)
        {
            kernelLog.Add(line);
        }
    }

    /// <summary>
    /// Delivers a uevent, after refreshing the devices' views: a host that reacts to the event and
    /// asks the machine (<see cref="SimulatedMachineDevice.DriverOf"/>) sees the state it announces.
    /// </summary>
    private void Raise(KernelObject @object, UeventAction action, string? driver)
    {
        lock (logGate)
        {
            foreach (var (busPath, device) in devices)
            {
                views.GetValueOrDefault(busPath)?.Publish(device);
            }
        }
        uevents.Raise(@object.ToUevent(action, driver, Interlocked.Increment(ref sequence)));
    }

    [GeneratedRegex(@"^[0-9]+-[0-9]+(\.[0-9]+)*$")]
    private static partial Regex BusPathPattern();
}
