namespace WwanDaemon.Modem.Probing;

/// <summary>
/// Timeouts and retries of port probing, as data. ModemManager waits up to 6 tries × 3 s per silent
/// tty and sleeps 1.5–4 s on top (issue 5); these defaults bound a silent port at 3 × 300 ms and the
/// whole modem at <see cref="Total"/>, with no fixed sleeps: every wait ends as soon as the port answers.
/// </summary>
public sealed record ProbeBudget
{
    /// <summary>"AT" tries before a tty is called silent.</summary>
    public int AtTries { get; init; } = 3;

    /// <summary>How long one "AT" try waits for a final result.</summary>
    public TimeSpan AtTryTimeout { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long ATE0 and AT+GCAP (ranking, asked once each) wait.</summary>
    public TimeSpan AtRankTimeout { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Raise DTR after the first silent "AT" try when the knowledge base did not already say needs-dtr.</summary>
    public bool RaiseDtrAfterSilentTry { get; init; } = true;

    /// <summary>QMI CTL Get Version Info tries.</summary>
    public int QmiTries { get; init; } = 3;

    /// <summary>How long one QMI try waits.</summary>
    public TimeSpan QmiTryTimeout { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>MBIM OPEN tries.</summary>
    public int MbimTries { get; init; } = 3;

    /// <summary>How long one MBIM OPEN (and the CLOSE after it) waits.</summary>
    public TimeSpan MbimTryTimeout { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>
    /// The whole modem's probe, a backstop behind the tries: a port still unanswered then is reported
    /// silent with the step it was in. The tries bound a silent tty at about 0.9 s; the longest route
    /// (a cdc-wdm node with no known driver: 3 MBIM OPENs, then 3 QMI tries) takes about 1.8 s, and a
    /// loaded host delays timers, so this leaves room rather than cutting real answers off.
    /// </summary>
    public TimeSpan Total { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Checks the values make sense; the message names the bad one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count below 1 or a timeout that is not positive.</exception>
    public ProbeBudget Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(AtTries, 1, nameof(AtTries));
        ArgumentOutOfRangeException.ThrowIfLessThan(QmiTries, 1, nameof(QmiTries));
        ArgumentOutOfRangeException.ThrowIfLessThan(MbimTries, 1, nameof(MbimTries));
        foreach (var (name, value) in new[] { (nameof(AtTryTimeout), AtTryTimeout), (nameof(AtRankTimeout), AtRankTimeout),
                     (nameof(QmiTryTimeout), QmiTryTimeout), (nameof(MbimTryTimeout), MbimTryTimeout), (nameof(Total), Total) })
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero, name);
        }
        return this;
    }
}
