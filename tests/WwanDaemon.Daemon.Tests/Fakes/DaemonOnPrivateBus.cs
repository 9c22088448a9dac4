namespace WwanDaemon.Daemon.Tests.Fakes;

/// <summary>
/// The real wwan-daemon (the built wwan-daemon.dll) on a simulated machine, attached through
/// DBUS_SYSTEM_BUS_ADDRESS to a private dbus-daemon; both are stopped on dispose. Subclasses say
/// when the daemon is ready to be used (<see cref="WaitUntilReadyAsync"/>).
/// </summary>
/// <param name="scenario">The --simulate scenario.</param>
/// <param name="systemPolicy">A bus with the system bus's default policy and ours (packaging/dbus-1/system.d) instead of an open one.</param>
/// <param name="extraArguments">More daemon arguments, e.g. --ModemManagerApi=off.</param>
public abstract class DaemonOnPrivateBus(string scenario, bool systemPolicy, params string[] extraArguments) : IAsyncLifetime, IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private PrivateBus? bus;
    private WwanDaemonProcess? daemon;

    public string Address => bus!.Address;

    public string Scenario => scenario;

    public IReadOnlyList<string> ExtraArguments => extraArguments;

    public int DaemonPid => daemon!.Pid;

    /// <summary>The daemon is still running (a fuzzer or a bad client did not take it down).</summary>
    public bool IsRunning => daemon is { HasExited: false };

    public async Task InitializeAsync()
    {
        bus = systemPolicy ? PrivateBus.StartSystemLike() : PrivateBus.Start();
        daemon = new WwanDaemonProcess(new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = bus.Address }, ["--simulate", scenario, .. extraArguments]);
        await WaitUntilReadyAsync();
    }

    /// <summary>Returns once the daemon serves what the tests need; throws naming what was last seen otherwise.</summary>
    protected abstract Task WaitUntilReadyAsync();

    /// <summary>Fails with the daemon's exit code and output if it has exited (while a subclass waits for it).</summary>
    protected async Task ThrowIfExitedAsync()
    {
        if (daemon!.HasExited)
        {
            var (exit, output, error) = await daemon.FinishAsync();
            throw new InvalidOperationException($"wwan-daemon --simulate {scenario} exited {exit}: {output}\n{error}");
        }
    }

    /// <summary>Sends a signal to the daemon (USR1 unplugs the simulated modems, USR2 plugs them back).</summary>
    public async Task SignalAsync(string name)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{name}", DaemonPid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync().WaitAsync(Patience);
        Assert.Equal(0, kill.ExitCode);
    }

    public async Task DisposeAsync()
    {
        if (daemon is { HasExited: false })
        {
            await daemon.TerminateAsync();
            await daemon.FinishAsync();
        }
        Dispose();
    }

    public void Dispose()
    {
        daemon?.Dispose();
        bus?.Dispose();
        daemon = null;
        bus = null;
        GC.SuppressFinalize(this);
    }
}
