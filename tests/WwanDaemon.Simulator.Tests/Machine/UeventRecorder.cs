using WwanDaemon.Linux.Uevents;

namespace WwanDaemon.Simulator.Tests.Machine;

/// <summary>Records a machine's uevents from creation on, and waits for one that matches (never a fixed sleep).</summary>
internal sealed class UeventRecorder : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly CancellationTokenSource stop = new();
    private readonly Lock gate = new();
    private readonly List<Uevent> events = [];
    private readonly Task reading;
    private TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public UeventRecorder(IUeventSource source)
    {
        var stream = source.ReadAsync(stop.Token); // subscribes now
        reading = Task.Run(async () =>
        {
            await foreach (var uevent in stream)
            {
                lock (gate)
                {
                    events.Add(uevent);
                    signal.TrySetResult();
                    signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }
        });
    }

    public IReadOnlyList<Uevent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. events];
            }
        }
    }

    /// <summary>The first recorded event (from the start) that matches, waiting for it up to 20 s.</summary>
    public async Task<Uevent> WaitForAsync(Func<Uevent, bool> match, string what)
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (events.FirstOrDefault(match) is { } found)
                {
                    return found;
                }
                next = signal.Task;
            }
            try
            {
                await next.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no uevent {what} within {Timeout.TotalSeconds} s; seen:\n{string.Join("\n", Events)}");
            }
        }
    }

    public Task<Uevent> WaitForAsync(UeventAction action, string devPathEnd, string? driver = null) =>
        WaitForAsync(e => e.Action == action && e.DevPath.EndsWith(devPathEnd, StringComparison.Ordinal) && (driver is null || e.Driver == driver),
            $"{action} {devPathEnd}{(driver is null ? "" : " " + driver)}");

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await reading;
        }
        catch (OperationCanceledException)
        {
            // stopping is how reading ends
        }
        stop.Dispose();
    }
}
