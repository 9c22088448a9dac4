using Microsoft.Extensions.Logging;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Modem.Lifecycle;

public sealed partial class ModemLifecycle
{
    private async Task<ModemStep> ConnectAsync(CancellationToken cancellationToken)
    {
        var chosen = profile!;
        Publish(ModemState.Connecting, $"APN '{chosen.Apn}'");
        try
        {
            var settings = await backend.ConnectAsync(chosen, cancellationToken).ConfigureAwait(false);
            var report = networkInterface is null
                ? null
                : await ipConfigurator.ApplyAsync(networkInterface, settings, cancellationToken).ConfigureAwait(false);
            attempts = 0;
            Publish(ModemState.Connected, null, s => s with { Ip = report, ReconnectAttempts = 0 });
            return ModemStep.Connected;
        }
        catch (ModemOperationException error) when (error.Failure == ModemFailure.InvalidProfile)
        {
            // Retrying cannot help: the profile must change first.
            Publish(ModemState.Registered, $"{error.Message}; fix the profile to connect");
            await Task.Delay(Timeout.InfiniteTimeSpan, options.Time, cancellationToken).ConfigureAwait(false);
            return ModemStep.Stopped;
        }
        catch (ModemOperationException error) when (error.Failure is not (ModemFailure.PortGone or ModemFailure.ModemRestarted))
        {
            logger.LogWarning("{Modem}: connecting failed: {Reason}", snapshot.Id, error.Message);
            lastConnectError = error.Message;
            return ModemStep.Backoff;
        }
    }

    private string? lastConnectError;

    private async Task<ModemStep> BackoffAsync(CancellationToken cancellationToken)
    {
        attempts++;
        var delay = options.Backoff.Delay(attempts, options.Random());
        Publish(ModemState.Registered, $"{lastConnectError ?? "the session ended"}; reconnect attempt {attempts} in {delay.TotalSeconds:0.#} s",
            s => s with { ReconnectAttempts = attempts, Ip = null });
        var deadline = options.Time.GetUtcNow() + delay;
        while (options.Time.GetUtcNow() < deadline)
        {
            var item = await NextEventOrAsync(deadline - options.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (item is RegistrationChanged { Registration: not (Registration.Home or Registration.Roaming) })
            {
                return ModemStep.WaitForRegistration;
            }
        }
        return ModemStep.Connect;
    }

    private async Task<ModemStep> WatchSessionAsync(CancellationToken cancellationToken)
    {
        var item = await NextEventOrAsync(options.SignalPoll, cancellationToken).ConfigureAwait(false);
        switch (item)
        {
            case null:
                var network = await backend.ReadNetworkAsync(cancellationToken).ConfigureAwait(false);
                if (!network.IsRegistered)
                {
                    lastConnectError = "registration was lost";
                    await EndSessionQuietlyAsync(cancellationToken).ConfigureAwait(false);
                    Publish(ModemState.Searching, "registration was lost", s => WithNetwork(s with { Ip = null }, network));
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
                lastConnectError = $"registration was lost ({lost.Registration.ToString().ToLowerInvariant()})";
                await EndSessionQuietlyAsync(cancellationToken).ConfigureAwait(false);
                Publish(ModemState.Searching, lastConnectError, s => s with { Ip = null });
                return ModemStep.WaitForRegistration;
            case SessionDropped dropped:
                lastConnectError = dropped.Reason;
                await EndSessionQuietlyAsync(cancellationToken).ConfigureAwait(false);
                return ModemStep.Backoff;
            default:
                return ModemStep.Connected;
        }
    }

    private async Task<ModemStep> DisconnectAsync(CancellationToken cancellationToken)
    {
        Publish(ModemState.Disconnecting, null);
        await EndSessionAsync(cancellationToken).ConfigureAwait(false);
        Publish(ModemState.Registered, "disconnected on request", s => s with { Ip = null });
        return ModemStep.Stopped;
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
