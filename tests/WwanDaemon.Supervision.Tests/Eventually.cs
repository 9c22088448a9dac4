namespace WwanDaemon.Supervision.Tests;

/// <summary>Waits on a condition with a deadline (never a fixed sleep as synchronisation).</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <exception cref="TimeoutException">The condition did not hold in time; the message says what was awaited.</exception>
    public static Task WaitAsync(Func<bool> condition, string what, TimeSpan? timeout = null) => WaitAsync(condition, what, () => null, timeout);

    /// <param name="now">Describes the state at the timeout (where the wait was stuck), appended to the message.</param>
    /// <exception cref="TimeoutException">The condition did not hold in time; the message says what was awaited.</exception>
    public static async Task WaitAsync(Func<bool> condition, string what, Func<string?> now, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                var stuck = now();
                throw new TimeoutException($"not reached within {(timeout ?? DefaultTimeout).TotalSeconds:0.#} s: {what}{(stuck is null ? "" : $"; now: {stuck}")}");
            }
            await Task.Delay(10);
        }
    }
}
