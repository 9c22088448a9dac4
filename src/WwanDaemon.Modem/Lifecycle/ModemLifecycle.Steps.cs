using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Modem.Lifecycle;

public sealed partial class ModemLifecycle
{
    private async Task<ModemStep> ReadIdentityAsync(CancellationToken cancellationToken)
    {
        identity = await backend.ReadIdentityAsync(cancellationToken).ConfigureAwait(false);
        Publish(ModemState.Initializing, null, s => s with { Manufacturer = identity.Manufacturer, Model = identity.Model, Revision = identity.Revision, Imei = identity.Imei });
        return ModemStep.ReadSim;
    }

    private async Task<ModemStep> ReadSimAsync(CancellationToken cancellationToken)
    {
        sim = await backend.ReadSimAsync(cancellationToken).ConfigureAwait(false);
        profile = chooseProfile(identity, sim);
        Publish(snapshot.State, snapshot.StateReason, s => s with
        {
            Iccid = sim.Iccid, Imsi = sim.Imsi, SimLock = sim.Lock, PinRetries = sim.PinRetries, PukRetries = sim.PukRetries,
        });
        switch (sim.Lock)
        {
            case SimLock.Ready:
                return ModemStep.Enable;
            case SimLock.Absent:
                return Fail("no SIM card (or the SIM failed): insert a SIM and replug the modem");
            case SimLock.PinRequired when pinToSend is null && profile?.Pin is { } pin && !pinFromProfileTried:
                pinToSend = pin;
                pinFromProfileTried = true;
                return ModemStep.SendPin;
            case SimLock.PinRequired when pinToSend is not null:
                return ModemStep.SendPin;
            case SimLock.PinRequired:
                Publish(ModemState.Locked, pinFromProfileTried
                    ? $"the SIM still wants its PIN ({Tries(sim.PinRetries)}); the profile's PIN was refused: correct it, or send the PIN with wwanctl pin"
                    : $"the SIM wants its PIN ({Tries(sim.PinRetries)}) and profile '{profile?.Name ?? "(none)"}' has none: add it to the profile or send it with wwanctl pin");
                return ModemStep.Locked;
            default:
                Publish(ModemState.Locked, sim.Lock == SimLock.PukRequired
                    ? $"the SIM is blocked after wrong PINs and wants its PUK ({Tries(sim.PukRetries)}); unblock it with the PUK from the operator"
                    : "the SIM is permanently blocked; replace it");
                return ModemStep.Locked;
        }
    }

    private bool pinFromProfileTried;

    private static string Tries(int? left) => left is { } n ? $"{n} tries left" : "tries left unknown";

    /// <summary>Sends the PIN (from the profile, a SendPin command, or a Connect's request); the SIM is read again either way.</summary>
    private async Task<ModemStep> UnlockSimAsync(CancellationToken cancellationToken)
    {
        var pin = pinToSend!;
        pinToSend = null;
        var waiter = pendingPin;
        pendingPin = null;
        try
        {
            await backend.UnlockAsync(pin, cancellationToken).ConfigureAwait(false);
        }
        catch (ModemOperationException error) when (error.Failure == ModemFailure.IncorrectPin)
        {
            LogPinRefused(error.Message);
            if (waiter is ConnectCommand)
            {
                FailPendingConnect(ModemCommandError.IncorrectPin, error.Message);
            }
            else
            {
                waiter?.Fail(ModemCommandError.IncorrectPin, $"{snapshot.Id}: {error.Message}");
            }
            return ModemStep.ReadSim;
        }
        if (waiter is SendPinCommand)
        {
            waiter.Complete(); // a Connect's PIN: that command completes once connected
        }
        return ModemStep.ReadSim;
    }

    private void LogPinRefused(string message) =>
        Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, "{Modem}: {Reason}", snapshot.Id, message);

    /// <summary>Locked: waits for a command (SendPin, or Connect with a PIN); PUK/blocked SIMs only get their command refused.</summary>
    private async Task<ModemStep> WaitForPinAsync(CancellationToken cancellationToken)
    {
        var item = await NextEventOrAsync(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
        return item is CommandArrived ? ModemStep.Command : ModemStep.Locked;
    }

    private async Task<ModemStep> EnableAsync(CancellationToken cancellationToken)
    {
        Publish(ModemState.Enabling, null);
        await backend.EnableAsync(cancellationToken).ConfigureAwait(false);
        Publish(ModemState.Enabled, null);
        pendingRadio?.Complete(); // SetEnabled(true): the radio is on; registration follows in the walk
        pendingRadio = null;
        return ModemStep.WaitForRegistration;
    }

    private async Task<ModemStep> WaitForRegistrationAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var network = await backend.ReadNetworkAsync(cancellationToken).ConfigureAwait(false);
            var active = ActiveProfile;
            if (network.IsRegistered && (network.Registration == Registration.Home || active?.AllowRoaming == true))
            {
                ReachedRegistration = true;
                Publish(ModemState.Registered, null, s => WithNetwork(s, network));
                return WantsConnection ? ModemStep.Connect : Idle(IdleReason);
            }
            if (pendingConnect is { } waiting && (network.Registration == Registration.Roaming || options.Time.GetUtcNow() >= waiting.Deadline))
            {
                FailPendingConnect(ModemCommandError.NoNetwork, network.Registration == Registration.Roaming
                    ? "roaming, and the connect request does not allow roaming"
                    : $"not registered on a network within {options.ConnectWaitsForRegistration.TotalSeconds:0.#} s (now {network.Registration.ToString().ToLowerInvariant()}); the connect was given up");
                active = ActiveProfile;
            }
            var reason = network.Registration switch
            {
                Registration.Roaming => $"roaming on {network.OperatorName ?? network.OperatorCode ?? "a foreign network"} and profile '{active?.Name}' does not allow roaming",
                Registration.Denied => "the network denied registration (is the SIM activated?)",
                _ => snapshot.State == ModemState.Searching ? snapshot.StateReason : null, // keep "registration was lost"
            };
            Publish(network.Registration == Registration.Roaming ? ModemState.Registered : ModemState.Searching, reason, s => WithNetwork(s, network));
            if (await NextEventOrAsync(options.RegistrationPoll, cancellationToken).ConfigureAwait(false) is CommandArrived)
            {
                return ModemStep.Command;
            }
        }
    }

    private string IdleReason => intent == ConnectionIntent.Off
        ? DisconnectedReason
        : profile is null ? "no profile matches this modem: add one to connect" : $"profile '{profile.Name}' does not connect on its own";

    private static ModemSnapshot WithNetwork(ModemSnapshot s, NetworkStatus network) => s with
    {
        OperatorCode = network.OperatorCode,
        OperatorName = network.OperatorName,
        SignalQuality = network.SignalQuality ?? (network.IsRegistered ? s.SignalQuality : null),
        Registration = network.Registration,
        SignalRssiDbm = network.RssiDbm ?? (network.IsRegistered ? s.SignalRssiDbm : null),
        AccessTechnology = network.AccessTechnology != AccessTechnology.Unknown || !network.IsRegistered ? network.AccessTechnology : s.AccessTechnology,
    };

    /// <summary>
    /// Waits for the next backend event, a command, or <paramref name="timeout"/>; returns the event,
    /// <see cref="CommandArrived"/> (the command stays queued for <see cref="ModemStep.Command"/>, which
    /// learns the interrupted step from <see cref="interruptedAt"/>), or null on timeout. Commands go first.
    /// </summary>
    private async Task<BackendEvent?> NextEventOrAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (true)
            {
                if (commands.Reader.TryPeek(out _))
                {
                    interruptedAt = Step;
                    return CommandArrived.Instance;
                }
                if (events.Reader.TryRead(out var item))
                {
                    if (item is PortLost lost)
                    {
                        throw new ModemOperationException(ModemFailure.PortGone, lost.Reason);
                    }
                    return item;
                }
                var commandWaiting = commands.Reader.WaitToReadAsync(limit.Token).AsTask();
                var eventWaiting = events.Reader.WaitToReadAsync(limit.Token).AsTask();
                var first = await Task.WhenAny(commandWaiting, eventWaiting).ConfigureAwait(false);
                limit.Token.ThrowIfCancellationRequested();
                if (first.IsCompletedSuccessfully && !first.Result && first == commandWaiting)
                {
                    // The command channel closed (the walk is ending): only events from here on.
                    var late = await events.Reader.ReadAsync(limit.Token).ConfigureAwait(false);
                    return late is PortLost gone ? throw new ModemOperationException(ModemFailure.PortGone, gone.Reason) : late;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        finally
        {
            await limit.CancelAsync().ConfigureAwait(false); // lets go of the waiter that did not fire
        }
    }
}
