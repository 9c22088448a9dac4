using Microsoft.Extensions.Logging.Abstractions;
using WwanDaemon.Daemon.Systemd;
using WwanDaemon.Daemon.Tests.Fakes;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.Tests;

public class StatusServiceTests
{
    [Fact]
    public async Task Status_FleetChanges_OneStatusPerNewText()
    {
        var fleet = new FakeModemFleet();
        var notifier = new RecordingNotifier();
        var service = new StatusService(notifier, fleet, NullLogger<StatusService>.Instance);

        await service.StartAsync(CancellationToken.None);
        fleet.Set(FakeModemFleet.Modem("1-6", ModemState.Searching));
        fleet.Set(FakeModemFleet.Modem("1-6", ModemState.Searching));
        fleet.Set(FakeModemFleet.Modem("1-6", ModemState.Connected));
        fleet.Remove("1-6");
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(["STATUS=no modems", "STATUS=1 modem: 1 searching", "STATUS=1 modem: 1 connected", "STATUS=no modems"], notifier.Sent);
    }

    [Fact]
    public async Task Watchdog_Armed_PingsAtHalfTheInterval()
    {
        var notifier = new RecordingNotifier(TimeSpan.FromMilliseconds(200));
        using var service = new WatchdogService(notifier, TimeProvider.System, NullLogger<WatchdogService>.Instance);

        await service.StartAsync(CancellationToken.None);
        var started = DateTime.UtcNow;
        while (notifier.Sent.Count < 3 && DateTime.UtcNow - started < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }
        var elapsed = DateTime.UtcNow - started;
        await service.StopAsync(CancellationToken.None);

        // One at start, then every 100 ms: the third ping well before the 200 ms interval has passed twice over.
        Assert.True(notifier.Sent.Count >= 3, $"{notifier.Sent.Count} pings");
        Assert.True(elapsed < TimeSpan.FromSeconds(5), $"three pings took {elapsed}");
        Assert.All(notifier.Sent, m => Assert.Equal("WATCHDOG=1", m));
    }

    [Fact]
    public async Task Watchdog_NotArmed_SendsNothing()
    {
        var notifier = new RecordingNotifier(watchdogInterval: null);
        using var service = new WatchdogService(notifier, TimeProvider.System, NullLogger<WatchdogService>.Instance);

        await service.StartAsync(CancellationToken.None);
        await service.StopAsync(CancellationToken.None);

        Assert.Empty(notifier.Sent);
    }
}
