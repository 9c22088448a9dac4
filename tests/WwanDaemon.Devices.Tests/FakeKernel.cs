using WwanDaemon.Linux.Sysfs;
using WwanDaemon.Simulator.Sysfs;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Devices.Tests;

/// <summary>
/// Plays the kernel for the binding executor's writes on a fake tree: each write really lands in
/// the file (through <see cref="SysfsAttributeWriter"/>), then the tree changes as Linux would:
/// bConfigurationValue re-enumerates the device (through <see cref="Reenumerated"/>), drivers/X/unbind
/// drops the interface's driver and ports, drivers/X/bind links it (and runs <see cref="Bound"/>).
/// <see cref="Fail"/> makes the next write to a file fail with an errno instead; with
/// <see cref="ReactionDelay"/> the tree changes later, on another thread, as a slow kernel would.
/// </summary>
internal sealed class FakeKernel(FakeSysfsTree tree) : ISysfsAttributeWriter
{
    private readonly Dictionary<string, int> failures = new(StringComparer.Ordinal);
    private readonly List<Task> delayedReactions = [];

    /// <summary>Every successful write, in order: (path relative to the tree's root, value).</summary>
    public List<(string Path, string Value)> Writes { get; } = [];

    /// <summary>The device after a configuration write, given the bus path and the new configuration.</summary>
    public Func<string, int, UsbDevice>? Reenumerated { get; init; }

    /// <summary>Runs after a bind: (interface name, driver), e.g. to claim the data interface and add ports.</summary>
    public Action<string, string>? Bound { get; init; }

    public TimeSpan ReactionDelay { get; init; }

    /// <summary>
    /// Completes when every delayed reaction has changed the tree. The executor may return as soon
    /// as it sees the link it waits for, while a slow kernel is still adding ports (as Linux does);
    /// a test awaits this before its directory is removed.
    /// </summary>
    public Task Settled()
    {
        lock (delayedReactions)
        {
            return Task.WhenAll(delayedReactions);
        }
    }

    /// <summary>The next write to a path ending in <paramref name="suffix"/> fails with <paramref name="errno"/>.</summary>
    public void Fail(string suffix, int errno) => failures[suffix] = errno;

    public int Write(string path, string value)
    {
        if (failures.FirstOrDefault(f => path.EndsWith(f.Key, StringComparison.Ordinal)) is { Key: not null } failure)
        {
            failures.Remove(failure.Key);
            return failure.Value;
        }
        var errno = SysfsAttributeWriter.Instance.Write(path, value);
        if (errno != 0)
        {
            return errno;
        }
        Writes.Add((Path.GetRelativePath(tree.Root, path), value));
        if (ReactionDelay > TimeSpan.Zero)
        {
            var reaction = Task.Delay(ReactionDelay).ContinueWith(_ => React(path, value), TaskScheduler.Default);
            lock (delayedReactions)
            {
                delayedReactions.Add(reaction);
            }
        }
        else
        {
            React(path, value);
        }
        return 0;
    }

    private void React(string path, string value)
    {
        var name = Path.GetFileName(path);
        var driver = Path.GetFileName(Path.GetDirectoryName(path)!);
        switch (name)
        {
            case "bConfigurationValue" when Reenumerated is not null:
                var busPath = Path.GetFileName(Path.GetDirectoryName(path)!);
                tree.Reenumerate(Reenumerated(busPath, int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)), busPath);
                break;
            case "unbind":
                tree.UnbindDriver(value);
                break;
            case "bind":
                tree.BindDriver(value, driver);
                Bound?.Invoke(value, driver);
                break;
        }
    }
}
