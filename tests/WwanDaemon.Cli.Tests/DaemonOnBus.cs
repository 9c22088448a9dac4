using WwanDaemon.Cli.Live;
using WwanDaemon.Daemon.Tests.Fakes;
using WwanDaemon.DBus.Client;

namespace WwanDaemon.Cli.Tests;

/// <summary>
/// The real wwan-daemon (the built wwan-daemon.dll) on a simulated machine, connected through
/// DBUS_SYSTEM_BUS_ADDRESS to a private bus that lets everyone send: what refuses nobody's control
/// calls there is the daemon's own check (Core.Unauthorized), not the bus policy. wwanctl reaches it with --bus.
/// </summary>
public abstract class DaemonOnBus(string scenario, bool systemPolicy = false) : IAsyncLifetime, IDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private PrivateBus? bus;
    private WwanDaemonProcess? daemon;

    public string Address => bus!.Address;

    public async Task InitializeAsync()
    {
        bus = systemPolicy ? PrivateBus.StartSystemLike() : PrivateBus.Start();
        daemon = new WwanDaemonProcess(new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = bus.Address }, "--simulate", scenario);
        var deadline = DateTime.UtcNow + Patience;
        string last = "nothing read yet";
        while (DateTime.UtcNow < deadline)
        {
            if (daemon.HasExited)
            {
                var (exit, output, error) = await daemon.FinishAsync();
                throw new InvalidOperationException($"wwan-daemon --simulate {scenario} exited {exit}: {output}\n{error}");
            }
            try
            {
                using var client = DaemonClient.Connect(bus.Address);
                if ((await client.ReadAsync()).Modems.Count > 0)
                {
                    return;
                }
                last = "no modem yet";
            }
            catch (DBusException failure)
            {
                last = failure.Message;
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"wwan-daemon --simulate {scenario} exported no modem in {Patience.TotalSeconds} s: {last}");
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

/// <summary>The default scenario: a SIM7600G-H over QMI that connects on its own.</summary>
public sealed class DefaultDaemon() : DaemonOnBus("default");

/// <summary>A modem whose SIM wants PIN 1234 and whose profile has none.</summary>
public sealed class PinLockedDaemon() : DaemonOnBus("pin-locked");

/// <summary>The default scenario on a bus with the system bus's policy and ours (packaging/dbus-1/system.d).</summary>
public sealed class DefaultDaemonSystemPolicy() : DaemonOnBus("default", systemPolicy: true);
