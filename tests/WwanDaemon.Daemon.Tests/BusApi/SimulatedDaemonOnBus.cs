using WwanDaemon.Daemon.Tests.Fakes;

namespace WwanDaemon.Daemon.Tests.BusApi;

/// <summary>
/// A private dbus-daemon configured like the system bus (our packaging policy included), and the real
/// wwan-daemon on a simulated machine connected to it through DBUS_SYSTEM_BUS_ADDRESS, as a person
/// would run it to try mmcli.
/// </summary>
public abstract class SimulatedDaemonOnBus(string scenario, params string[] extraArguments)
    : DaemonOnPrivateBus(scenario, systemPolicy: true, extraArguments)
{
    protected override async Task WaitUntilReadyAsync()
    {
        if (ExtraArguments.Contains("--ModemManagerApi=off"))
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
            await ThrowIfExitedAsync();
            last = await Task.Run(() => Mmcli.Run(Address, "-L"));
            if (last.ExitCode == 0 && last.Output.Contains("/org/freedesktop/ModemManager1/Modem/0", StringComparison.Ordinal))
            {
                return;
            }
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"wwan-daemon --simulate {Scenario} exported no modem in {Patience.TotalSeconds} s; mmcli -L: {last}");
    }

    /// <summary>The daemon owns org.wwandaemon.WwanDaemon1 (busctl can ping it).</summary>
    private async Task WaitForOwnNameAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            await ThrowIfExitedAsync();
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
        throw new TimeoutException($"wwan-daemon --simulate {Scenario} {string.Join(' ', ExtraArguments)} did not own org.wwandaemon.WwanDaemon1 in {Patience.TotalSeconds} s");
    }
}

/// <summary>The default scenario: a SIM7600G-H over QMI that connects on its own.</summary>
public sealed class DefaultScenarioDaemon() : SimulatedDaemonOnBus("default");

/// <summary>The default scenario with ModemManagerApi=off: only org.wwandaemon.WwanDaemon1 is owned.</summary>
public sealed class OwnNameOnlyDaemon() : SimulatedDaemonOnBus("default", "--ModemManagerApi=off");

/// <summary>A modem whose SIM wants PIN 1234 and whose profile has none.</summary>
public sealed class PinLockedScenarioDaemon() : SimulatedDaemonOnBus("pin-locked");
