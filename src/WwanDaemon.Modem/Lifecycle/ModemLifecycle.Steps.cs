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
        Publish(snapshot.State, snapshot.StateReason, s => s with { Iccid = sim.Iccid, Imsi = sim.Imsi });
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

    private async Task<ModemStep> SendPinAsync(CancellationToken cancellationToken)
    {
        var pin = pinToSend!;
        pinToSend = null;
        try
        {
            await backend.UnlockAsync(pin, cancellationToken).ConfigureAwait(false);
        }
        catch (ModemOperationException error) when (error.Failure == ModemFailure.IncorrectPin)
        {
            LogPinRefused(error.Message);
        }
        return ModemStep.ReadSim;
    }

    private void LogPinRefused(string message) =>
        Microsoft.Extensions.Logging.LoggerExtensions.LogWarning(logger, "{Modem}: {Reason}", snapshot.Id, message);

    private async Task<ModemStep> WaitForPinAsync(CancellationToken cancellationToken)
    {
        if (sim.Lock != SimLock.PinRequired)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, options.Time, cancellationToken).ConfigureAwait(false); // PUK/blocked: nothing here can help
        }
        pinToSend = await pins.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return ModemStep.SendPin;
    }

    private async Task<ModemStep> EnableAsync(CancellationToken cancellationToken)
    {
        Publish(ModemState.Enabling, null);
        await backend.EnableAsync(cancellationToken).ConfigureAwait(false);
        Publish(ModemState.Enabled, null);
        return ModemStep.WaitForRegistration;
    }

    private async Task<ModemStep> WaitForRegistrationAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var network = await backend.ReadNetworkAsync(cancellationToken).ConfigureAwait(false);
            if (network.IsRegistered && (network.Registration == Registration.Home || profile?.AllowRoaming == true))
            {
                ReachedRegistration = true;
                Publish(ModemState.Registered, null, s => WithNetwork(s, network));
                return profile is { AutoConnect: true } ? ModemStep.Connect : await IdleRegisteredAsync(cancellationToken).ConfigureAwait(false);
            }
            var reason = network.Registration switch
            {
                Registration.Roaming => $"roaming on {network.OperatorName ?? network.OperatorCode ?? "a foreign network"} and profile '{profile?.Name}' does not allow roaming",
                Registration.Denied => "the network denied registration (is the SIM activated?)",
                _ => snapshot.State == ModemState.Searching ? snapshot.StateReason : null, // keep "registration was lost"
            };
            Publish(network.Registration == Registration.Roaming ? ModemState.Registered : ModemState.Searching, reason, s => WithNetwork(s, network));
            await NextEventOrAsync(options.RegistrationPoll, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ModemStep> IdleRegisteredAsync(CancellationToken cancellationToken)
    {
        Publish(ModemState.Registered, profile is null ? "no profile matches this modem: add one to connect" : $"profile '{profile.Name}' does not connect on its own");
        await Task.Delay(Timeout.InfiniteTimeSpan, options.Time, cancellationToken).ConfigureAwait(false);
        return ModemStep.Stopped;
    }

    private static ModemSnapshot WithNetwork(ModemSnapshot s, NetworkStatus network) => s with
    {
        OperatorCode = network.OperatorCode,
        OperatorName = network.OperatorName,
        SignalQuality = network.SignalQuality ?? (network.IsRegistered ? s.SignalQuality : null),
    };

    /// <summary>Waits for the next backend event or <paramref name="timeout"/>; returns the event, or null on timeout.</summary>
    private async Task<BackendEvent?> NextEventOrAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var item = await events.Reader.ReadAsync(limit.Token).ConfigureAwait(false);
            if (item is PortLost lost)
            {
                throw new ModemOperationException(ModemFailure.PortGone, lost.Reason);
            }
            return item;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
