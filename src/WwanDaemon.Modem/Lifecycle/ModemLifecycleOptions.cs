namespace WwanDaemon.Modem.Lifecycle;

/// <summary>Timing of a modem's lifecycle.</summary>
public sealed record ModemLifecycleOptions
{
    public ReconnectBackoff Backoff { get; init; } = new();

    /// <summary>How often registration is read while searching (indications/URCs also wake it).</summary>
    public TimeSpan RegistrationPoll { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often signal quality is refreshed while registered or connected.</summary>
    public TimeSpan SignalPoll { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Registration and signal polls that may go unanswered in a row (each after the request timeout)
    /// before the modem is taken for hung and failed; fewer are logged and the walk carries on.
    /// </summary>
    public int UnansweredPollsBeforeFailure { get; init; } = 3;

    /// <summary>How long an explicit Connect waits for a registration before it fails with NoNetwork.</summary>
    public TimeSpan ConnectWaitsForRegistration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long the disconnect at shutdown may take.</summary>
    public TimeSpan ShutdownDisconnect { get; init; } = TimeSpan.FromSeconds(3);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Samples in [0, 1) for the backoff's jitter.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;
}
