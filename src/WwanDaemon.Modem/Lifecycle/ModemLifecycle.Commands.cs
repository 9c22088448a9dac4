using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Modem.Lifecycle;

/// <summary>
/// Commands (D-Bus, wwanctl): each is queued on <see cref="commands"/> and taken by the walk at its next
/// wait, which goes to <see cref="ModemStep.Command"/>; that step changes the desired state (the
/// <see cref="ConnectionIntent"/> and whether the radio is wanted) and names the step that gets the
/// modem there. The command completes when the modem got there, or fails with a
/// <see cref="ModemCommandException"/> and leaves the desired state as it was.
/// </summary>
public sealed partial class ModemLifecycle
{
    private readonly Channel<LifecycleCommand> commands = Channel.CreateUnbounded<LifecycleCommand>();
    private ConnectionIntent intent = ConnectionIntent.Auto;
    /// <summary>The explicit Connect whose settings a <see cref="ConnectionIntent.Requested"/> session uses.</summary>
    private ConnectCommand? requested;

    /// <summary>The step whose wait a command interrupted: where <see cref="ModemStep.Command"/> decides from.</summary>
    private ModemStep interruptedAt;

    /// <summary>A Connect waiting for its session (or for the registration or unlock before it).</summary>
    private PendingConnect? pendingConnect;

    /// <summary>A SendPin (or the PIN of a Connect) being sent.</summary>
    private LifecycleCommand? pendingPin;

    /// <summary>A SetEnabled waiting for the radio.</summary>
    private SetEnabledCommand? pendingRadio;

    /// <param name="Command">The Connect.</param>
    /// <param name="Deadline">With no registration by then, the Connect fails with NoNetwork.</param>
    /// <param name="PreviousIntent">Restored when the Connect fails.</param>
    /// <param name="PreviousRequested">Restored with it.</param>
    private sealed record PendingConnect(ConnectCommand Command, DateTimeOffset Deadline, ConnectionIntent PreviousIntent, ConnectCommand? PreviousRequested);

    /// <summary>Connects with <paramref name="request"/>; returns once connected (see <see cref="IModemCommands.ConnectAsync"/>).</summary>
    public Task ConnectAsync(ConnectRequest request, CancellationToken cancellationToken)
    {
        var (profile, problems) = ModemCommandMapping.ToProfile(request);
        if (profile is null)
        {
            throw new ModemCommandException(ModemCommandError.InvalidArguments, $"{snapshot.Id}: cannot connect: {string.Join("; ", problems)}");
        }
        return PostAsync(new ConnectCommand(request with { Pin = null }, profile), cancellationToken);
    }

    /// <summary>Ends the session and stays disconnected until the next Connect; no error when not connected.</summary>
    public Task DisconnectAsync(CancellationToken cancellationToken) => PostAsync(new DisconnectCommand(), cancellationToken);

    /// <summary>Radio on (register, auto-connect as the profile says unless disconnected by the user) or off (disconnect first, then <see cref="ModemState.Disabled"/>).</summary>
    public Task SetEnabledAsync(bool enabled, CancellationToken cancellationToken) => PostAsync(new SetEnabledCommand(enabled), cancellationToken);

    /// <summary>Sends the PIN of a <see cref="ModemState.Locked"/> SIM; completes once the SIM accepted it.</summary>
    public Task SendPinAsync(string pin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pin);
        if (!ProfileValidation.IsPin(pin))
        {
            throw new ModemCommandException(ModemCommandError.InvalidArguments, $"{snapshot.Id}: a SIM PIN is 4 to 8 digits; nothing was sent");
        }
        return PostAsync(new SendPinCommand(pin), cancellationToken);
    }

    /// <summary>A PIN from a person for a <see cref="ModemState.Locked"/> modem, without waiting for the answer (a refusal is logged).</summary>
    /// <exception cref="ModemCommandException">The PIN is not 4–8 digits, or the walk has ended.</exception>
    public void ProvidePin(string pin) =>
        _ = SendPinAsync(pin, CancellationToken.None).ContinueWith(
            sent => logger.LogWarning("{Modem}: the PIN was not taken: {Reason}", snapshot.Id, sent.Exception!.InnerException!.Message),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);

    /// <summary>Queues <paramref name="command"/>; the caller's token stops the wait, not the command.</summary>
    private Task PostAsync(LifecycleCommand command, CancellationToken cancellationToken)
    {
        if (!commands.Writer.TryWrite(command))
        {
            throw new ModemCommandException(ModemCommandError.WrongState, $"{snapshot.Id}: the modem's walk has ended ({snapshot.State}: {snapshot.StateReason ?? "no reason given"}); wait for it to come back");
        }
        return command.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The walk ended: every queued and pending command fails with why.</summary>
    private void EndCommands(ModemCommandError error, string reason)
    {
        commands.Writer.TryComplete();
        var message = $"{snapshot.Id}: {reason}";
        while (commands.Reader.TryRead(out var queued))
        {
            queued.Fail(error, message);
        }
        pendingConnect?.Command.Fail(error, message);
        pendingPin?.Fail(error, message);
        pendingRadio?.Fail(error, message);
        pendingConnect = null;
        pendingPin = null;
        pendingRadio = null;
    }

    private ConnectionProfile? ActiveProfile => intent == ConnectionIntent.Requested ? requested?.Profile : profile;

    /// <summary>The settings the snapshot shows for a session with <see cref="ActiveProfile"/>.</summary>
    private ConnectRequest? ActiveConnection => intent == ConnectionIntent.Requested
        ? requested?.Request
        : profile is null ? null : ModemCommandMapping.ToRequest(profile);

    private bool WantsConnection => intent switch
    {
        ConnectionIntent.Requested => true,
        ConnectionIntent.Off => false,
        _ => profile is { AutoConnect: true },
    };

    /// <summary>Takes the next command and decides, from the step it interrupted, where the walk goes.</summary>
    private async Task<ModemStep> ObeyCommandAsync(CancellationToken cancellationToken)
    {
        var from = interruptedAt;
        if (!commands.Reader.TryRead(out var command))
        {
            return from;
        }
        logger.LogInformation("{Modem}: command {Command} at {Step}", snapshot.Id, command.GetType().Name, from);
        return command switch
        {
            SendPinCommand pin => ObeySendPin(pin, from),
            ConnectCommand connect => await ObeyConnectAsync(connect, from, cancellationToken).ConfigureAwait(false),
            DisconnectCommand disconnect => await ObeyDisconnectAsync(disconnect, from, cancellationToken).ConfigureAwait(false),
            SetEnabledCommand radio => await ObeySetEnabledAsync(radio, from, cancellationToken).ConfigureAwait(false),
            _ => from,
        };
    }

    private ModemStep ObeySendPin(SendPinCommand command, ModemStep from)
    {
        if (from == ModemStep.Locked && sim.Lock == SimLock.PinRequired)
        {
            pinToSend = command.Pin;
            pendingPin = command;
            return ModemStep.SendPin;
        }
        command.Fail(sim.Lock == SimLock.PukRequired ? ModemCommandError.SimPukRequired : ModemCommandError.WrongState,
            sim.Lock == SimLock.PukRequired
                ? $"{snapshot.Id}: the SIM wants its PUK, not the PIN ({Tries(sim.PukRetries)})"
                : $"{snapshot.Id}: the SIM is not waiting for a PIN (the modem is {snapshot.State})");
        return from;
    }

    private async Task<ModemStep> ObeyConnectAsync(ConnectCommand command, ModemStep from, CancellationToken cancellationToken)
    {
        if (from == ModemStep.Disabled)
        {
            command.Fail(ModemCommandError.WrongState, $"{snapshot.Id}: the modem is disabled: enable it before connecting");
            return from;
        }
        if (from == ModemStep.Locked && (sim.Lock != SimLock.PinRequired || command.Profile.Pin is null))
        {
            command.Fail(ModemCommandMapping.ForLockedSim(sim.Lock), sim.Lock == SimLock.PinRequired
                ? $"{snapshot.Id}: the SIM wants its PIN ({Tries(sim.PinRetries)}): send it first, or with the connect request"
                : $"{snapshot.Id}: the SIM cannot be unlocked with a PIN ({snapshot.StateReason})");
            return from;
        }
        if (from == ModemStep.Connected && snapshot.Connection == command.Request)
        {
            command.Complete(); // already connected with these settings
            return from;
        }
        pendingConnect?.Command.Fail(ModemCommandError.Cancelled, $"{snapshot.Id}: a newer connect request replaced this one");
        var previous = pendingConnect is { } older ? (older.PreviousIntent, older.PreviousRequested) : (intent, requested);
        pendingConnect = new PendingConnect(command, options.Time.GetUtcNow() + options.ConnectWaitsForRegistration, previous.Item1, previous.Item2);
        intent = ConnectionIntent.Requested;
        requested = command;
        backoffUntil = null;
        switch (from)
        {
            case ModemStep.Locked:
                pinToSend = command.Profile.Pin;
                pendingPin = command;
                return ModemStep.SendPin;
            case ModemStep.Connected:
                Publish(ModemState.Disconnecting, "reconnecting with new settings");
                await EndSessionQuietlyAsync(cancellationToken).ConfigureAwait(false);
                Publish(ModemState.Registered, "reconnecting with new settings", SessionEnded);
                return ModemStep.Connect;
            case ModemStep.WaitForRegistration:
                return ModemStep.WaitForRegistration;
            default:
                return ModemStep.Connect; // idle registered, backoff
        }
    }

    /// <summary>The pending Connect failed: the caller hears why and the desired state is what it was before.</summary>
    private void FailPendingConnect(ModemCommandError error, string message)
    {
        if (pendingConnect is not { } pending)
        {
            return;
        }
        pendingConnect = null;
        intent = pending.PreviousIntent;
        requested = pending.PreviousRequested;
        pending.Command.Fail(error, $"{snapshot.Id}: {message}");
    }

    private async Task<ModemStep> ObeyDisconnectAsync(DisconnectCommand command, ModemStep from, CancellationToken cancellationToken)
    {
        FailPendingConnect(ModemCommandError.Cancelled, "a disconnect request cancelled the connect");
        intent = ConnectionIntent.Off;
        requested = null;
        switch (from)
        {
            case ModemStep.Connected:
                Publish(ModemState.Disconnecting, null);
                try
                {
                    await EndSessionAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (ModemOperationException error) when (error.Failure is not (ModemFailure.PortGone or ModemFailure.ModemRestarted))
                {
                    command.Fail(ModemCommandMapping.ToError(error.Failure), $"{snapshot.Id}: the modem refused to end the session: {error.Message}");
                    Publish(ModemState.Connected, $"disconnecting failed: {error.Message}");
                    return ModemStep.Connected; // the watch notices when it ends; no reconnect follows (intent off)
                }
                return CompleteAfter(command, Idle(DisconnectedReason, SessionEnded));
            case ModemStep.Backoff:
                backoffUntil = null;
                return CompleteAfter(command, Idle(DisconnectedReason, s => s with { ReconnectAttempts = 0 }));
            case ModemStep.Registered:
                return CompleteAfter(command, Idle(DisconnectedReason));
            default:
                command.Complete(); // searching, locked, disabled: nothing is up, and nothing will come up
                return from;
        }
    }

    private const string DisconnectedReason = "disconnected on request: connect again to get a session";

    /// <summary>Completes <paramref name="command"/> once <paramref name="next"/> was decided and its state published, so whoever awaited the command reads the new state.</summary>
    private static ModemStep CompleteAfter(DisconnectCommand command, ModemStep next)
    {
        command.Complete();
        return next;
    }

    private async Task<ModemStep> ObeySetEnabledAsync(SetEnabledCommand command, ModemStep from, CancellationToken cancellationToken)
    {
        if (command.Enabled)
        {
            if (from == ModemStep.Disabled)
            {
                pendingRadio = command;
                return ModemStep.Enable;
            }
            if (from == ModemStep.Locked)
            {
                command.Fail(ModemCommandMapping.ForLockedSim(sim.Lock), $"{snapshot.Id}: the SIM must be unlocked before the modem can be enabled ({snapshot.StateReason})");
                return from;
            }
            command.Complete(); // already on
            return from;
        }
        if (from is ModemStep.Disabled or ModemStep.Locked)
        {
            command.Complete(); // the radio is off, or was never turned on for a locked SIM
            return from;
        }
        FailPendingConnect(ModemCommandError.Cancelled, "a disable request cancelled the connect");
        pendingRadio = command;
        backoffUntil = null;
        if (from == ModemStep.Connected)
        {
            Publish(ModemState.Disconnecting, "disabling");
            await EndSessionQuietlyAsync(cancellationToken).ConfigureAwait(false);
        }
        return ModemStep.Disable;
    }

    /// <summary>Radio off: the session was ended by the command; an explicit request falls back to the stored profile (a user's disconnect stays).</summary>
    private async Task<ModemStep> DisableRadioAsync(CancellationToken cancellationToken)
    {
        Publish(ModemState.Disabling, null, SessionEnded);
        try
        {
            await backend.DisableAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ModemOperationException error) when (error.Failure is not (ModemFailure.PortGone or ModemFailure.ModemRestarted))
        {
            pendingRadio?.Fail(ModemCommandMapping.ToError(error.Failure), $"{snapshot.Id}: the radio did not turn off: {error.Message}");
            pendingRadio = null;
            return ModemStep.WaitForRegistration;
        }
        if (intent == ConnectionIntent.Requested)
        {
            intent = ConnectionIntent.Auto;
            requested = null;
        }
        Publish(ModemState.Disabled, "disabled on request: enable it to register", s => s with
        {
            Registration = null, OperatorCode = null, OperatorName = null, SignalQuality = null, SignalRssiDbm = null,
            AccessTechnology = AccessTechnology.Unknown, ReconnectAttempts = 0,
        });
        pendingRadio?.Complete();
        pendingRadio = null;
        return ModemStep.Disabled;
    }

    /// <summary>Radio off: waits for a command (Enable); what the modem reports meanwhile changes nothing.</summary>
    private async Task<ModemStep> StayDisabledAsync(CancellationToken cancellationToken)
    {
        var item = await NextEventOrAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return item is CommandArrived ? ModemStep.Command : ModemStep.Disabled;
    }

    /// <summary>Publishes the idle Registered state with <paramref name="reason"/>; the walk waits at <see cref="ModemStep.Registered"/>.</summary>
    private ModemStep Idle(string reason, Func<ModemSnapshot, ModemSnapshot>? change = null)
    {
        Publish(ModemState.Registered, reason, change);
        return ModemStep.Registered;
    }

    /// <summary>Registered with no session wanted: waits for a command, or for registration to be lost.</summary>
    private async Task<ModemStep> StayRegisteredAsync(CancellationToken cancellationToken)
    {
        var item = await NextEventOrAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return item switch
        {
            CommandArrived => ModemStep.Command,
            RegistrationChanged { Registration: not (Registration.Home or Registration.Roaming) } lost => RegistrationLost(lost),
            _ => ModemStep.Registered,
        };
    }

    private static ModemSnapshot SessionEnded(ModemSnapshot s) => s with { Ip = null, ConnectedSince = null };

    /// <summary>Not from the backend: a command waits on the command channel (the wait that saw it returns <see cref="ModemStep.Command"/>).</summary>
    private sealed record CommandArrived : BackendEvent
    {
        public static CommandArrived Instance { get; } = new();
    }
}
