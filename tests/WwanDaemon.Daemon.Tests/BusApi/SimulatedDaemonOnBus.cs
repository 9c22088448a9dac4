using WwanDaemon.Daemon.Tests.Fakes;

namespace WwanDaemon.Daemon.Tests.BusApi;

/// <summary>
/// A private dbus-daemon configured like the system bus (our packaging policy included), and the real
/// wwan-daemon on a simulated machine connected to it through DBUS_SYSTEM_BUS_ADDRESS, as a person
/// would run it to try mmcli.
/// </summary>
public abstract class SimulatedDaemonOnBus(string scenario, params string[] extraArguments) : IAsyncLifetime, IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private PrivateBus? bus;
    private WwanDaemonProcess? daemon;

    public string Address => bus!.Address;

    public int DaemonPid => daemon!.Pid;

    public async Task InitializeAsync()
    {
        bus = PrivateBus.StartSystemLike();
        daemon = new WwanDaemonProcess(new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = bus.Address }, ["--simulate", scenario, .. extraArguments]);
        if (extraArguments.Contains("--ModemManagerApi=off"))
        {
            await WaitForOwnNameAsync();
        }
        else
        {
            await WaitForFirstModemAsync();
            // Settled: identity and SIM read (before that, names are the USB descriptor's and the SIM unknown).
            await Mmcli.WaitForAsync(Address, "0", output => Mmcli.Field(output, "state") is "connected" or "locked", "connected or locked", Patience);
        }
    }

    /// <summary>The daemon exported its first modem (mmcli -L lists it).</summary>
    private async Task WaitForFirstModemAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        Mmcli.Result last;
        do
        {
            if (daemon!.HasExited)
            {
                var (exit, output, error) = await daemon.FinishAsync();
                throw new InvalidOperationException($"wwan-daemon --simulate {scenario} exited {exit}: {output}\n{error}");
            }
            last = await Task.Run(() => Mmcli.Run(Address, "-L"));
            if (last.ExitCode == 0 && last.Output.Contains("/org/freedesktop/ModemManager1/Modem/0", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"wwan-daemon --simulate {scenario} exported no modem in {Patience.TotalSeconds} s; mmcli -L: {last}");
    }

    /// <summary>The daemon owns org.wwandaemon.WwanDaemon1 (busctl can ping it).</summary>
    private async Task WaitForOwnNameAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            using var ping = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("busctl",
                ["--address=" + Address, "call", "org.wwandaemon.WwanDaemon1", "/org/freedesktop/ModemManager1", "org.freedesktop.DBus.Peer", "Ping"])
            { RedirectStandardOutput = true, RedirectStandardError = true })!;
            await ping.WaitForExitAsync();
            if (ping.ExitCode == 0)
            {
                return;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"wwan-daemon --simulate {scenario} {string.Join(' ', extraArguments)} did not own org.wwandaemon.WwanDaemon1 in {Patience.TotalSeconds} s");
    }

    /// <summary>Sends a signal to the daemon (USR1 unplugs the simulated modems, USR2 plugs them back).</summary>
    public async Task SignalAsync(string name)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{name}", DaemonPid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync().WaitAsync(Patience);
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The daemon is still running (a fuzzer or a bad client did not take it down).</summary>
    public bool IsRunning => daemon is { HasExited: false };

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

/// <summary>The default scenario: a SIM7600G-H over QMI that connects on its own.</summary>
public sealed class DefaultScenarioDaemon() : SimulatedDaemonOnBus("default");

/// <summary>The default scenario with ModemManagerApi=off: only org.wwandaemon.WwanDaemon1 is owned.</summary>
public sealed class OwnNameOnlyDaemon() : SimulatedDaemonOnBus("default", "--ModemManagerApi=off");

/// <summary>A modem whose SIM wants PIN 1234 and whose profile has none.</summary>
public sealed class PinLockedScenarioDaemon() : SimulatedDaemonOnBus("pin-locked");
