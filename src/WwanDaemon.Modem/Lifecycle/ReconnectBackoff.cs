namespace WwanDaemon.Modem.Lifecycle;

/// <summary>
/// Delays between reconnect attempts: <see cref="Initial"/>, doubling up to <see cref="Maximum"/>, each
/// spread by ±<see cref="Jitter"/> so that many modems losing the network together do not retry in step. Pure.
/// </summary>
public sealed record ReconnectBackoff
{
    public TimeSpan Initial { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan Maximum { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Fraction of the delay, 0 to 1, by which it is randomly shortened or lengthened.</summary>
    public double Jitter { get; init; } = 0.2;

    /// <summary>The delay before attempt <paramref name="attempt"/> (1 = the first retry), given a uniform sample in [0, 1).</summary>
    public TimeSpan Delay(int attempt, double sample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var doublings = Math.Min(attempt - 1, 30);
        var baseTicks = Math.Min(Initial.Ticks * Math.Pow(2, doublings), Maximum.Ticks);
        var spread = 1 + Jitter * (2 * sample - 1);
        return TimeSpan.FromTicks((long)Math.Min(baseTicks * spread, Maximum.Ticks * (1 + Jitter)));
    }

    /// <summary>Throws with the option name when the values make no sense.</summary>
    public ReconnectBackoff Validate()
    {
        if (Initial <= TimeSpan.Zero || Maximum < Initial)
        {
            throw new ArgumentException($"reconnect backoff: Initial ({Initial}) must be positive and at most Maximum ({Maximum})");
        }
        if (Jitter is < 0 or > 1)
        {
            throw new ArgumentException($"reconnect backoff: Jitter ({Jitter}) must be between 0 and 1");
        }
        return this;
    }
}
