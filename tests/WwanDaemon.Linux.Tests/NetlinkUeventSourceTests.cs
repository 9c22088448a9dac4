using WwanDaemon.Linux.Uevents;

namespace WwanDaemon.Linux.Tests;

/// <summary>
/// Runs only where a real kernel uevent can be triggered: writing "change" to
/// /sys/class/net/lo/uevent makes the kernel broadcast one (needs root), and the kernel must accept a
/// NETLINK_KOBJECT_UEVENT socket (some seccomp policies refuse it). Otherwise skipped, saying which.
/// </summary>
public sealed class KernelUeventFactAttribute : FactAttribute
{
    public const string Trigger = "/sys/class/net/lo/uevent";

    public KernelUeventFactAttribute()
    {
        if (Environment.UserName != "root")
        {
            Skip = $"writing {Trigger} to make the kernel send a uevent needs root";
            return;
        }
        try
        {
            NetlinkUeventSource.Open().DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
        catch (IOException refused)
        {
            Skip = "the kernel refused the uevent socket: " + refused.Message;
        }
    }
}

public class NetlinkUeventSourceTests
{
    [KernelUeventFact]
    public async Task RealKernel_LoopbackChange_ArrivesThroughTheSocket()
    {
        await using var source = NetlinkUeventSource.Open();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await File.WriteAllTextAsync(KernelUeventFactAttribute.Trigger, "change", timeout.Token);

        await foreach (var uevent in source.ReadAsync(timeout.Token))
        {
            if (uevent.DevPath == "/devices/virtual/net/lo" && uevent.Action == UeventAction.Change)
            {
                Assert.Equal("net", uevent.Subsystem);
                Assert.Equal("lo", uevent.Interface);
                return;
            }
        }
        Assert.Fail("the source ended without the loopback event");
    }

    [KernelUeventFact]
    public async Task RealKernel_SubsystemNotWanted_IsFilteredOut()
    {
        await using var source = NetlinkUeventSource.Open(new HashSet<string>(StringComparer.Ordinal) { "usb" });
        await File.WriteAllTextAsync(KernelUeventFactAttribute.Trigger, "change");
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var seen = new List<Uevent>();
        try
        {
            await foreach (var uevent in source.ReadAsync(quiet.Token))
            {
                seen.Add(uevent);
            }
        }
        catch (OperationCanceledException) when (quiet.IsCancellationRequested)
        {
            // the half second of listening is over
        }

        Assert.DoesNotContain(seen, u => u.Subsystem == "net");
    }

    [KernelUeventFact]
    public async Task Dispose_WhileReading_EndsTheReader()
    {
        var source = NetlinkUeventSource.Open();
        var reading = Task.Run(async () =>
        {
            await foreach (var uevent in source.ReadAsync(CancellationToken.None))
            {
                _ = uevent;
            }
        });

        await source.DisposeAsync();

        await reading.WaitAsync(TimeSpan.FromSeconds(5));
    }
}

public class SysfsAttributeWriterTests
{
    [KernelUeventFact]
    public void RealSysfs_ValueTheKernelRefuses_ReturnsEinval() =>
        Assert.Equal(22, Sysfs.SysfsAttributeWriter.Instance.Write(KernelUeventFactAttribute.Trigger, "explode"));

    [Fact]
    public void MissingFile_ReturnsEnoent()
    {
        using var root = new TemporaryDirectory();

        Assert.Equal(2, Sysfs.SysfsAttributeWriter.Instance.Write(Path.Combine(root.Path, "drivers", "cdc_mbim", "bind"), "2-6:3.0"));
    }

    [Fact]
    public void RegularFile_HoldsExactlyTheLastValue()
    {
        using var root = new TemporaryDirectory();
        var file = Path.Combine(root.Path, "bConfigurationValue");
        File.WriteAllText(file, "12345\n");

        Assert.Equal(0, Sysfs.SysfsAttributeWriter.Instance.Write(file, "3"));
        Assert.Equal("3", File.ReadAllText(file));
    }
}
