using Microsoft.Extensions.Logging;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Modem.Lifecycle;

public sealed partial class ModemLifecycle
{
    private async Task<ModemStep> StartSessionAsync(CancellationToken cancellationToken)
    {
        if (ActiveProfile is not { } chosen)
        {
            return Idle(IdleReason);
        }
        Publish(ModemState.Connecting, $"APN '{chosen.Apn}'", s => s with { Connection = ActiveConnection });
        try
        {
            var settings = await backend.ConnectAsync(chosen, cancellationToken).ConfigureAwait(false);
            var report = networkInterface is null
                ? null
                : await ipConfigurator.ApplyAsync(networkInterface, settings, cancellationToken).ConfigureAwait(false);
            attempts = 0;
            Publish(ModemState.Connected, null, s => s with { Ip = report, ReconnectAttempts = 0, ConnectedSince = options.Time.GetUtcNow(), LastConnectionError = null });
            pendingConnect?.Command.Complete();
            pendingConnect = null;
            return ModemStep.Connected;
        }
        catch (ModemOperationException error) when (error.Failure == ModemFailure.InvalidProfile)
        {
            // Retrying cannot help: the profile (or the request) must change first.
            Publish(snapshot.State, snapshot.StateReason, s => s with { LastConnectionError = error.Message });
            if (pendingConnect is not null)
            {
                FailPendingConnect(ModemCommandError.InvalidArguments, error.Message);
                return WantsConnection ? ModemStep.Backoff : Idle($"connecting failed: {error.Message}");
            }
            return Idle($"{error.Message}; fix the profile to connect");
        }
        catch (ModemOperationException error) when (error.Failure is not (ModemFailure.PortGone or ModemFailure.ModemRestarted))
        {
            logger.LogWarning("{Modem}: connecting failed: {Reason}", snapshot.Id, error.Message);
            lastConnectError = error.Message;
            Publish(snapshot.State, snapshot.StateReason, s => s with { LastConnectionError = error.Message });
            if (pendingConnect is not null)
            {
                // ModemManager's semantics: an explicit connect is tried once; the caller hears why.
                FailPendingConnect(ModemCommandMapping.ToError(error.Failure), $"connecting failed: {error.Message}");
                return WantsConnection ? ModemStep.Backoff : Idle($"connecting failed: {error.Message}");
            }
            return ModemStep.Backoff;
        }
    }

    private string? lastConnectError;

    /// <summary>When the current backoff ends; kept while a command interrupts it, so a refused command does not count as an attempt.</summary>
    private DateTimeOffset? backoffUntil;

    private async Task<ModemStep> BackoffAsync(CancellationToken cancellationToken)
    {
        if (!WantsConnection)
        {
            backoffUntil = null;
            return Idle(IdleReason, s => SessionEnded(s) with { ReconnectAttempts = 0 });
        }
        if (backoffUntil is null)
        {
            attempts++;
            var delay = options.Backoff.Delay(attempts, options.Random());
            Publish(ModemState.Registered, $"{lastConnectError ?? "the session ended"}; reconnect attempt {attempts} in {delay.TotalSeconds:0.#} s",
                s => SessionEnded(s) with { ReconnectAttempts = attempts });
            backoffUntil = options.Time.GetUtcNow() + delay;
        }
        while (options.Time.GetUtcNow() < backoffUntil)
        {
            var item = await NextEventOrAsync(backoffUntil.Value - options.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (item is CommandArrived)
            {
                return ModemStep.Command;
            }
            if (item is RegistrationChanged { Registration: not (Registration.Home or Registration.Roaming) } lost)
            {
                backoffUntil = null;
                return RegistrationLost(lost);
            }
        }
        backoffUntil = null;
        return ModemStep.Connect;
    }

    private async Task<ModemStep> WatchSessionAsync(CancellationToken cancellationToken)
    {
        var item = await NextEventOrAsync(options.SignalPoll, cancellationToken).ConfigureAwait(false);
        switch (item)
        {
            case CommandArrived:
                return ModemStep.Command;
            case null:
                var network = await backend.ReadNetworkAsync(cancellationToken).ConfigureAwait(false);
                if (!network.IsRegistered)
                {
                    lastConnectError = "registration was lost";
                    await EndSessionQuietlyAsync(cancellationToken).ConfigureAwait(false);
                    Publish(ModemState.Searching, "registration was lost", s => WithNetwork(SessionEnded(s), network));
                    return ModemStep.WaitForRegistration;
                }
                if (!await backend.IsSessionUpAsync(cancellationToken).ConfigureAwait(false))
                {
                    lastConnectError = "the session ended without a word from the modem";
                    await EndSessionQuietlyAsync(cancellationToken).ConfigureAwait(false);
                    return ModemStep.Backoff;
                }
                Publish(ModemState.Connected, null, s => WithNetwork(s, network));
                return ModemStep.Connected;
            case RegistrationChanged { Registration: not (Registration.Home or Registration.Roaming) } lost:
                await EndSessionQuietlyAsync(cancellationToken).ConfigureAwait(false);
                return RegistrationLost(lost);
            case SessionDropped dropped:
                lastConnectError = dropped.Reason;
                await EndSessionQuietlyAsync(cancellationToken).ConfigureAwait(false);
                return ModemStep.Backoff;
            default:
                return ModemStep.Connected;
        }
    }

    /// <summary>
    /// The modem said it left the network (while connected, in a backoff or idle): publishes Searching with the
    /// reason at once, so the state never shows a search without saying why, whichever step heard it.
    /// </summary>
    private ModemStep RegistrationLost(RegistrationChanged lost)
    {
        lastConnectError = $"registration was lost ({lost.Registration.ToString().ToLowerInvariant()})";
        Publish(ModemState.Searching, lastConnectError, SessionEnded);
        return ModemStep.WaitForRegistration;
    }

    private async Task EndSessionAsync(CancellationToken cancellationToken)
    {
        if (networkInterface is not null)
        {
            await ipConfigurator.ClearAsync(networkInterface, cancellationToken).ConfigureAwait(false);
        }
        await backend.DisconnectAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>After the network ended the session, the modem may already consider it gone: a refusal to stop it is logged, not fatal.</summary>
    private async Task EndSessionQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EndSessionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ModemOperationException error) when (error.Failure is not (ModemFailure.PortGone or ModemFailure.ModemRestarted))
        {
            logger.LogInformation("{Modem}: ending the dropped session: {Reason}", snapshot.Id, error.Message);
        }
    }
}
