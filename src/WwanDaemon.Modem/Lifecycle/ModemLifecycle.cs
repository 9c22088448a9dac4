using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.ConnectionProfiles;

namespace WwanDaemon.Modem.Lifecycle;

/// <summary>
/// One modem from its first command to its data session and back, as an explicit walk over
/// <see cref="ModemStep"/>. Every change is published as a new <see cref="ModemSnapshot"/> through the
/// callback given at construction. The walk ends when the token fires (the session is disconnected
/// first) or the port goes away (<see cref="ModemState.Failed"/> with the reason).
/// </summary>
public sealed partial class ModemLifecycle
{
    private readonly IModemBackend backend;
    private readonly Func<ModemIdentity, SimStatus, ConnectionProfile?> chooseProfile;
    private readonly IIpConfigurator ipConfigurator;
    private readonly string? networkInterface;
    private readonly ModemLifecycleOptions options;
    private readonly Action<ModemSnapshot> publish;
    private readonly ILogger logger;
    private readonly Channel<BackendEvent> events = Channel.CreateUnbounded<BackendEvent>();
    private ModemSnapshot snapshot;
    private ModemIdentity identity = new(null, null, null, null);
    private SimStatus sim = new(SimLock.Absent, null, null, null, null);
    private ConnectionProfile? profile;
    private string? pinToSend;
    private int attempts;

    public ModemLifecycle(
        ModemSnapshot initial,
        IModemBackend backend,
        Func<ModemIdentity, SimStatus, ConnectionProfile?> chooseProfile,
        IIpConfigurator ipConfigurator,
        string? networkInterface,
        Action<ModemSnapshot> publish,
        ModemLifecycleOptions? options = null,
        ILogger? logger = null)
    {
        snapshot = initial with { ControlPort = backend.ControlPort, ControlProtocol = backend.Protocol };
        this.backend = backend;
        this.chooseProfile = chooseProfile;
        this.ipConfigurator = ipConfigurator;
        this.networkInterface = networkInterface;
        this.publish = publish;
        this.options = options ?? new ModemLifecycleOptions();
        this.options.Backoff.Validate();
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The step the walk is at (for tests and diagnosis).</summary>
    public ModemStep Step { get; private set; } = ModemStep.ReadIdentity;

    /// <summary>Whether the modem was registered on a network at some point of this walk (a supervisor tells a modem that restarts now and then from one that restarts in a loop).</summary>
    public bool ReachedRegistration { get; private set; }

    /// <summary>The latest snapshot.</summary>
    public ModemSnapshot Snapshot => Volatile.Read(ref snapshot);

    /// <summary>Walks the steps until <paramref name="cancellationToken"/> fires or the modem fails.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pump = PumpEventsAsync(listening.Token);
        Publish(ModemState.Initializing, null);
        try
        {
            while (Step is not (ModemStep.Failed or ModemStep.Stopped or ModemStep.Restarted))
            {
                Step = await RunStepAsync(Step, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            EndCommands(ModemCommandError.Cancelled, "the daemon is stopping");
            await ShutdownAsync().ConfigureAwait(false);
        }
        catch (Exception unexpected)
        {
            // A bug or an answer no step expected: the modem is marked failed with what happened, and
            // the daemon keeps running (the supervisor may start it again).
            logger.LogError(unexpected, "{Modem}: the lifecycle stopped at {Step}", snapshot.Id, Step);
            Fail($"internal error at step {Step}: {unexpected.GetType().Name}: {unexpected.Message}");
            Step = ModemStep.Failed;
        }
        finally
        {
            EndCommands(Step == ModemStep.Restarted ? ModemCommandError.Cancelled : ModemCommandError.Failed,
                $"the modem's walk ended at {snapshot.State}: {snapshot.StateReason ?? "no reason given"}");
            await listening.CancelAsync().ConfigureAwait(false);
            await pump.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<ModemStep> RunStepAsync(ModemStep step, CancellationToken cancellationToken)
    {
        try
        {
            var next = step switch
            {
                ModemStep.ReadIdentity => await ReadIdentityAsync(cancellationToken).ConfigureAwait(false),
                ModemStep.ReadSim => await ReadSimAsync(cancellationToken).ConfigureAwait(false),
                ModemStep.SendPin => await UnlockSimAsync(cancellationToken).ConfigureAwait(false),
                ModemStep.Locked => await WaitForPinAsync(cancellationToken).ConfigureAwait(false),
                ModemStep.Enable => await EnableAsync(cancellationToken).ConfigureAwait(false),
                ModemStep.WaitForRegistration => await WaitForRegistrationAsync(cancellationToken).ConfigureAwait(false),
                ModemStep.Registered => await StayRegisteredAsync(cancellationToken).ConfigureAwait(false),
                ModemStep.Connect => await StartSessionAsync(cancellationToken).ConfigureAwait(false),
                ModemStep.Connected => await WatchSessionAsync(cancellationToken).ConfigureAwait(false),
                ModemStep.Backoff => await BackoffAsync(cancellationToken).ConfigureAwait(false),
                ModemStep.Command => await ObeyCommandAsync(cancellationToken).ConfigureAwait(false),
                ModemStep.Disable => await DisableRadioAsync(cancellationToken).ConfigureAwait(false),
                ModemStep.Disabled => await StayDisabledAsync(cancellationToken).ConfigureAwait(false),
                _ => step,
            };
            unansweredPolls = 0;
            return next;
        }
        catch (ModemOperationException error) when (error.Failure == ModemFailure.PortGone)
        {
            return Fail(error.Message);
        }
        catch (ModemOperationException error) when (error.Failure == ModemFailure.ModemRestarted)
        {
            return await RestartedAsync(error.Message, cancellationToken).ConfigureAwait(false);
        }
        catch (ModemOperationException error) when (error.Failure == ModemFailure.Timeout && step is ModemStep.WaitForRegistration or ModemStep.Connected)
        {
            return Unanswered(step, error.Message);
        }
        catch (ModemOperationException error) when (step is ModemStep.ReadIdentity or ModemStep.ReadSim or ModemStep.Enable)
        {
            return Fail(error.Message);
        }
    }

    private int unansweredPolls;

    /// <summary>
    /// A registration or signal poll went unanswered: one lost answer (a busy firmware, a dropped
    /// response) is no reason to drop a working session, so the step runs again; several in a row
    /// mean a hung modem, failed for the supervisor to bring up again.
    /// </summary>
    private ModemStep Unanswered(ModemStep step, string reason)
    {
        unansweredPolls++;
        if (unansweredPolls >= options.UnansweredPollsBeforeFailure)
        {
            return Fail($"{reason}; {unansweredPolls} polls in a row went unanswered: the modem seems hung");
        }
        logger.LogWarning("{Modem}: {Reason} ({Count} of {Limit} unanswered in a row)", snapshot.Id, reason, unansweredPolls, options.UnansweredPollsBeforeFailure);
        Publish(snapshot.State, $"{reason} ({unansweredPolls} of {options.UnansweredPollsBeforeFailure} unanswered in a row)");
        return step;
    }

    /// <summary>
    /// The modem restarted under a step: its sessions ended with the restart, so the IP settings come
    /// off, and the walk ends at <see cref="ModemStep.Restarted"/> for the supervisor to open the port
    /// again. Retrying on this connection would be refused forever (unknown QMI client ids, a closed
    /// MBIM function).
    /// </summary>
    private async Task<ModemStep> RestartedAsync(string reason, CancellationToken cancellationToken)
    {
        logger.LogWarning("{Modem}: {Reason}", snapshot.Id, reason);
        if (networkInterface is not null)
        {
            await ipConfigurator.ClearAsync(networkInterface, cancellationToken).ConfigureAwait(false);
        }
        Publish(ModemState.Initializing, reason, SessionEnded);
        return ModemStep.Restarted;
    }

    private ModemStep Fail(string reason)
    {
        logger.LogWarning("{Modem}: failed: {Reason}", snapshot.Id, reason);
        Publish(ModemState.Failed, reason);
        return ModemStep.Failed;
    }

    private void Publish(ModemState state, string? reason, Func<ModemSnapshot, ModemSnapshot>? change = null)
    {
        var next = snapshot with { State = state, StateReason = reason };
        next = change?.Invoke(next) ?? next;
        if (next == snapshot)
        {
            return;
        }
        if (next.State != snapshot.State)
        {
            logger.LogInformation("{Modem}: {Old} → {New}{Reason}", next.Id, snapshot.State, next.State, reason is null ? "" : ": " + reason);
        }
        Volatile.Write(ref snapshot, next);
        publish(next);
    }

    private async Task PumpEventsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in backend.EventsAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Writer.TryWrite(item);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the lifecycle ended
        }
    }

    private async Task ShutdownAsync()
    {
        if (snapshot.State is not (ModemState.Connected or ModemState.Connecting))
        {
            Step = ModemStep.Stopped;
            return;
        }
        using var limit = new CancellationTokenSource(options.ShutdownDisconnect);
        Publish(ModemState.Disconnecting, "the daemon is stopping");
        try
        {
            await EndSessionAsync(limit.Token).ConfigureAwait(false);
            Publish(ModemState.Registered, "the daemon stopped", SessionEnded);
        }
        catch (ModemOperationException error) when (error.Failure == ModemFailure.PortGone)
        {
            logger.LogInformation("{Modem}: the modem went away with its session: {Reason}", snapshot.Id, error.Message);
        }
        catch (Exception error) when (error is ModemOperationException or OperationCanceledException)
        {
            logger.LogWarning("{Modem}: the session could not be ended cleanly at shutdown: {Reason}", snapshot.Id, error.Message);
        }
        Step = ModemStep.Stopped;
    }
}
