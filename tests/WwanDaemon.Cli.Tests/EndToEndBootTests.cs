using System.Globalization;
using System.Text.Json;
using WwanDaemon.Daemon.Tests.Fakes;

namespace WwanDaemon.Cli.Tests;

/// <summary>
/// What a boot script and a person watching see: wait started before the daemon returns once the
/// modem it has not seen yet connects; watch reports the modem unplugged and plugged back
/// (the simulated machine's kill -USR1 / -USR2).
/// </summary>
public sealed class EndToEndBootTests
{
    [Fact]
    public async Task WaitBeforeTheDaemonStarts_ThenWatchSeesUnplugAndReplug()
    {
        using var bus = PrivateBus.Start();
        var subscribed = new TaskCompletionSource();
        var wait = Wwanctl.Start(subscribed, ["--bus", bus.Address, "wait", "--state", "connected", "--timeout", "60"], CancellationToken.None);
        await subscribed.Task.WaitAsync(DaemonOnBus.Patience);

        using var daemon = new WwanDaemonProcess(new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = bus.Address }, "--simulate", "default");
        var (waitExit, waitOutput, waitError) = await wait.WaitAsync(DaemonOnBus.Patience);

        Assert.True(waitExit == 0, waitError);
        Assert.EndsWith(": connected\n", waitOutput, StringComparison.Ordinal);

        using var stopWatching = new CancellationTokenSource();
        var watching = new TaskCompletionSource();
        var watched = new LiveOutput();
        var watch = Wwanctl.Start(watching, ["--bus", bus.Address, "watch", "--json"], watched, stopWatching.Token);
        await watching.Task.WaitAsync(DaemonOnBus.Patience);
        (int Exit, string Output, string Error) gone, back;
        try
        {
            await SignalAsync(daemon.Pid, "USR1");
            // The unplug takes as long as the daemon needs to see it: only once Modem/0 is off the bus does
            // a short wait for it have to end with "no modem yet" (it never comes back).
            await watched.WaitForLineAsync(IsModem0Removed, "watch prints Modem/0 removed", DaemonOnBus.Patience);
            gone = Wwanctl.Run("--bus", bus.Address, "wait", "/org/freedesktop/ModemManager1/Modem/0", "--state", "failed", "--timeout", "2");
            await SignalAsync(daemon.Pid, "USR2");
            back = Wwanctl.Run("--bus", bus.Address, "wait", "--state", "connected", "--timeout", "60");
            // watch has its own connection: stop it only once it printed the replugged modem.
            await watched.WaitForLineAsync(line => Event(line).GetProperty("event").GetString() == "added", "watch prints the replugged modem added", DaemonOnBus.Patience);
        }
        finally
        {
            stopWatching.Cancel(); // also when a wait failed: the watch must not outlive the test
        }
        var (watchExit, watchOutput, watchError) = await watch.WaitAsync(DaemonOnBus.Patience);
        await TerminateAsync(daemon);

        Assert.Equal(1, gone.Exit); // Modem/0 is gone for good: a replugged modem gets a new index
        Assert.Contains("no modem '/org/freedesktop/ModemManager1/Modem/0' yet", gone.Error, StringComparison.Ordinal);
        Assert.True(back.Exit == 0, back.Error);
        Assert.True(watchExit == 0, watchError);
        var events = watchOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        var removed = Array.FindIndex(events, IsModem0Removed);
        var added = Array.FindIndex(events, e => e.GetProperty("event").GetString() == "added");
        Assert.True(removed >= 0, watchOutput);
        Assert.True(added > removed, watchOutput);
        Assert.NotEqual(0, events[added].GetProperty("index").GetInt32());
    }

    private static JsonElement Event(string line) => JsonDocument.Parse(line).RootElement;

    private static bool IsModem0Removed(JsonElement e) => e.GetProperty("event").GetString() == "removed" && e.GetProperty("path").GetString() == "/org/freedesktop/ModemManager1/Modem/0";

    private static bool IsModem0Removed(string line) => IsModem0Removed(Event(line));

    private static async Task SignalAsync(int pid, string name)
    {
        using var kill = System.Diagnostics.Process.Start("kill", [$"-{name}", pid.ToString(CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync().WaitAsync(DaemonOnBus.Patience);
        Assert.Equal(0, kill.ExitCode);
    }

    private static async Task TerminateAsync(WwanDaemonProcess daemon)
    {
        if (!daemon.HasExited)
        {
            await daemon.TerminateAsync();
            await daemon.FinishAsync();
        }
    }
}
