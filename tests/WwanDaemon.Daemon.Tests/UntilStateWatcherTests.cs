using WwanDaemon.Daemon.Fleet;
using WwanDaemon.Daemon.Tests.Fakes;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.Tests;

public class UntilStateWatcherTests
{
    [Fact]
    public async Task Wait_EveryModemGetsThere_Reached()
    {
        var fleet = new FakeModemFleet();
        fleet.Set(FakeModemFleet.Modem("1-6", ModemState.Searching));
        fleet.Set(FakeModemFleet.Modem("2-1", ModemState.Connected));
        var waiting = new UntilStateWatcher(fleet, ModemState.Connected, TimeSpan.FromSeconds(10)).WaitAsync(CancellationToken.None);

        Assert.False(waiting.IsCompleted);
        fleet.Set(FakeModemFleet.Modem("1-6", ModemState.Connected));
        var result = await waiting;

        Assert.True(result.Reached);
        Assert.Null(result.StuckMessage);
        Assert.All(result.Modems, m => Assert.Equal(ModemState.Connected, m.State));
    }

    [Fact]
    public async Task Wait_AlreadyThere_ReachedAtOnce()
    {
        var fleet = new FakeModemFleet();
        fleet.Set(FakeModemFleet.Modem("1-6", ModemState.Registered));

        var result = await new UntilStateWatcher(fleet, ModemState.Registered, TimeSpan.FromSeconds(10)).WaitAsync(CancellationToken.None);

        Assert.True(result.Reached);
    }

    [Fact]
    public async Task Wait_ModemStuck_TimesOutNamingItsStateAndReason()
    {
        var fleet = new FakeModemFleet();
        fleet.Set(FakeModemFleet.Modem("1-6", ModemState.Connected));
        fleet.Set(FakeModemFleet.Modem("2-1", ModemState.Locked, "SIM PIN required and no PIN in the profile"));
        fleet.Set(FakeModemFleet.Modem("3-2", ModemState.Searching));

        var result = await new UntilStateWatcher(fleet, ModemState.Connected, TimeSpan.FromMilliseconds(100)).WaitAsync(CancellationToken.None);

        Assert.False(result.Reached);
        Assert.Equal(
            "not every modem was connected within 0.1 s: 2-1 is locked (SIM PIN required and no PIN in the profile); 3-2 is searching",
            result.StuckMessage);
    }

    [Fact]
    public async Task Wait_NoModemAtAll_TimesOutSayingNoneAppeared()
    {
        var result = await new UntilStateWatcher(new FakeModemFleet(), ModemState.Connected, TimeSpan.FromMilliseconds(50)).WaitAsync(CancellationToken.None);

        Assert.False(result.Reached);
        Assert.StartsWith("no modem appeared within 0.05 s (waiting for every modem to be connected)", result.StuckMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_StuckModemUnplugged_ReachedWithTheRest()
    {
        var fleet = new FakeModemFleet();
        fleet.Set(FakeModemFleet.Modem("1-6", ModemState.Connected));
        fleet.Set(FakeModemFleet.Modem("2-1", ModemState.Failed));
        var waiting = new UntilStateWatcher(fleet, ModemState.Connected, TimeSpan.FromSeconds(10)).WaitAsync(CancellationToken.None);

        fleet.Remove("2-1");

        Assert.True((await waiting).Reached);
    }
}
