using WwanDaemon.Devices.Binding;

namespace WwanDaemon.Devices.Tests;

public class ReenumerationLoopDetectorTests
{
    private static readonly DateTimeOffset Boot = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A clock the test sets; the detector only asks it for the time.</summary>
    private sealed class SetClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Seed002_BackEvery3Seconds_ThirdTimeInThirtySecondsIsALoop()
    {
        var detector = new ReenumerationLoopDetector(3, TimeSpan.FromSeconds(30));

        var first = detector.Record("1-1", Boot);
        var second = detector.Record("1-1", Boot.AddSeconds(2.7));
        var third = detector.Record("1-1", Boot.AddSeconds(5.4));

        Assert.Equal((false, 1), (first.IsLoop, first.CyclesInWindow));
        Assert.Equal((false, 2), (second.IsLoop, second.CyclesInWindow));
        Assert.True(third.IsLoop);
        Assert.Contains("USB device 1-1 keeps re-enumerating: it came back 3 times in 5.4 s (limit 3 in 30 s)", third.Reason, StringComparison.Ordinal);
        Assert.Contains("journalctl -k", third.Reason, StringComparison.Ordinal);
        Assert.Contains("replug it or restart wwan-daemon", third.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SlowReturns_OutsideTheWindow_AreNeverALoop()
    {
        var detector = new ReenumerationLoopDetector(3, TimeSpan.FromSeconds(30));

        var verdicts = Enumerable.Range(0, 10).Select(i => detector.Record("1-1", Boot.AddSeconds(20 * i))).ToArray();

        Assert.All(verdicts, v => Assert.False(v.IsLoop));
        Assert.All(verdicts.Skip(1), v => Assert.Equal(2, v.CyclesInWindow));
    }

    [Fact]
    public void Loop_IsStickyUntilForgotten_AndOtherDevicesAreUnaffected()
    {
        var clock = new SetClock(Boot);
        var detector = new ReenumerationLoopDetector(2, TimeSpan.FromSeconds(10), clock);
        detector.Record("1-1");
        clock.Now = Boot.AddSeconds(1);
        Assert.True(detector.Record("1-1").IsLoop);

        clock.Now = Boot.AddHours(1);
        Assert.True(detector.Verdict("1-1").IsLoop);
        Assert.True(detector.Record("1-1").IsLoop);
        Assert.False(detector.Record("2-6").IsLoop);

        detector.Forget("1-1");
        Assert.False(detector.Verdict("1-1").IsLoop);
        Assert.Equal(1, detector.Record("1-1").CyclesInWindow);
    }

    [Fact]
    public void Verdict_CountsOnlyTheWindowEndingNow()
    {
        var clock = new SetClock(Boot);
        var detector = new ReenumerationLoopDetector(3, TimeSpan.FromSeconds(10), clock);
        detector.Record("1-1");
        detector.Record("1-1");

        clock.Now = Boot.AddSeconds(11);

        Assert.Equal(0, detector.Verdict("1-1").CyclesInWindow);
    }

    [Fact]
    public void Construction_NonsenseLimits_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReenumerationLoopDetector(1, TimeSpan.FromSeconds(10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReenumerationLoopDetector(3, TimeSpan.Zero));
    }
}
