using System.Globalization;

namespace WwanDaemon.Supervision.Tests;

/// <summary>
/// What this test process holds: open file descriptors (/proc/self/fd), threads split into the
/// thread pool's and the rest (/proc/self/status Threads minus ThreadPool.ThreadCount), and managed
/// heap bytes after a full collection. Read only with nothing else running (see ResourceLeakCollection).
/// </summary>
internal sealed record ProcessResources(int FileDescriptors, int Threads, int PoolThreads, long ManagedBytes)
{
    /// <summary>Threads that are not the thread pool's: the runtime's own (GC, finalizer, timers, sockets' epoll) and any a component started.</summary>
    public int OtherThreads => Threads - PoolThreads;

    /// <summary>Collects garbage (finalizers too, so an undisposed handle that a finalizer closes is not counted) and reads the counts.</summary>
    public static ProcessResources Read()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        return new ProcessResources(Directory.GetFileSystemEntries("/proc/self/fd").Length, ThreadsOfProcess(), ThreadPool.ThreadCount, managed);
    }

    /// <summary>Which descriptors are open, as their link targets ("/dev/pts/3", "anon_inode:[eventpoll]"), to name a leak.</summary>
    public static IReadOnlyList<string> OpenFileDescriptors() =>
        [.. Directory.GetFileSystemEntries("/proc/self/fd").Select(Target).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The descriptors open now, as the fewest of a few reads 20 ms apart: a file the process opens for a moment
    /// (the simulated kernel polling its control files, a poll reading sysfs) shows in one read, a leak in all.
    /// </summary>
    public static async Task<IReadOnlyList<string>> SettledFileDescriptorsAsync()
    {
        IReadOnlyList<string> fewest = OpenFileDescriptors();
        for (var read = 1; read < 5; read++)
        {
            await Task.Delay(20);
            var now = OpenFileDescriptors();
            if (now.Count < fewest.Count)
            {
                fewest = now;
            }
        }
        return fewest;
    }

    /// <summary>What <paramref name="now"/> holds beyond <paramref name="baseline"/>, counting duplicates ("anon_inode:[eventfd]" twice where there was one).</summary>
    public static IReadOnlyList<string> Added(IReadOnlyList<string> baseline, IReadOnlyList<string> now)
    {
        var remaining = baseline.GroupBy(t => t, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var target in now)
        {
            if (remaining.TryGetValue(target, out var count) && count > 0)
            {
                remaining[target] = count - 1;
            }
            else
            {
                added.Add(target);
            }
        }
        return added;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{FileDescriptors} fds, {Threads} threads ({PoolThreads} pool), {ManagedBytes / 1024} KiB managed");

    private static string Target(string fd)
    {
        try
        {
            return new FileInfo(fd).LinkTarget ?? fd;
        }
        catch (IOException)
        {
            return $"{fd} (closed while listing)";
        }
    }

    private static int ThreadsOfProcess()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("Threads:", StringComparison.Ordinal));
        return int.Parse(line["Threads:".Length..].Trim(), CultureInfo.InvariantCulture);
    }
}
