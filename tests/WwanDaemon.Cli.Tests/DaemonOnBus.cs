using WwanDaemon.Cli.Live;
using WwanDaemon.Daemon.Tests.Fakes;
using WwanDaemon.DBus.Client;

namespace WwanDaemon.Cli.Tests;

/// <summary>
/// The real wwan-daemon (the built wwan-daemon.dll) on a simulated machine, connected through
/// DBUS_SYSTEM_BUS_ADDRESS to a private bus that lets everyone send: what refuses nobody's control
/// calls there is the daemon's own check (Core.Unauthorized), not the bus policy. wwanctl reaches it with --bus.
/// </summary>
public abstract class DaemonOnBus(string scenario, bool systemPolicy = false) : DaemonOnPrivateBus(scenario, systemPolicy)
{
    protected override async Task WaitUntilReadyAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        string last = "nothing read yet";
        while (DateTime.UtcNow < deadline)
        {
            await ThrowIfExitedAsync();
            try
            {
                using var client = DaemonClient.Connect(Address);
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
        throw new TimeoutException($"wwan-daemon --simulate {Scenario} exported no modem in {Patience.TotalSeconds} s: {last}");
    }
}

/// <summary>The default scenario: a SIM7600G-H over QMI that connects on its own.</summary>
public sealed class DefaultDaemon() : DaemonOnBus("default");

/// <summary>A modem whose SIM wants PIN 1234 and whose profile has none.</summary>
public sealed class PinLockedDaemon() : DaemonOnBus("pin-locked");

/// <summary>The default scenario on a bus with the system bus's policy and ours (packaging/dbus-1/system.d).</summary>
public sealed class DefaultDaemonSystemPolicy() : DaemonOnBus("default", systemPolicy: true);
