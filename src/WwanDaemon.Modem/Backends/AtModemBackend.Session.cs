using System.Net;
using System.Runtime.CompilerServices;
using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;
using WwanDaemon.At.Parsers;
using WwanDaemon.Modem.ConnectionProfiles;

namespace WwanDaemon.Modem.Backends;

public sealed partial class AtModemBackend
{
    private volatile bool sessionUp;
    private IpFamily sessionFamily = IpFamily.Ipv4;

    /// <summary>
    /// Every command is built first, so a profile value that could change a command (an APN with a
    /// quote or a line break, a user name with ';') is refused before anything reaches the port
    /// (<see cref="ModemFailure.InvalidProfile"/>). Then AT+CGDCONT, the authentication where the
    /// dialect has it, the dialect's call, its check command, and the addresses the modem reports
    /// (AT+CGCONTRDP, else AT+CGPADDR) for <see cref="SessionSettings.NetworkAssigned"/>.
    /// </summary>
    public async Task<SessionSettings> ConnectAsync(ConnectionProfile profile, CancellationToken cancellationToken)
    {
        AtCommand define, start;
        AtCommand? authenticate;
        try
        {
            define = AtDataCalls.DefineContext(options.ContextId, profile);
            authenticate = AtDataCalls.Authentication(options.DataCall, options.ContextId, profile);
            start = AtDataCalls.Start(options, profile);
        }
        catch (AtCommandRejectedException rejected)
        {
            throw new ModemOperationException(ModemFailure.InvalidProfile,
                $"{options.PortName}: profile '{profile.Name}' was not sent to the modem: {rejected.Message}", rejected);
        }
        await RunAsync(define, $"defining context {options.ContextId} for APN '{profile.Apn}' (AT+CGDCONT)", cancellationToken).ConfigureAwait(false);
        if (authenticate is not null)
        {
            await RunAsync(authenticate, "setting the APN authentication (AT+CGAUTH)", cancellationToken).ConfigureAwait(false);
        }
        var started = await SendAsync(start, $"starting the data call ({start.Name})", cancellationToken).ConfigureAwait(false);
        if (!started.IsOk)
        {
            throw new ModemOperationException(ModemFailure.ConnectRefused,
                $"{options.PortName}: the data call for APN '{profile.Apn}' was refused ({start.Name}: {started.Final}); check the APN in the profile, the SIM's data plan, and that {options.DataCall} is this modem's data call");
        }
        sessionFamily = profile.IpType;
        sessionUp = true;
        if (!await IsCallUpAsync(cancellationToken).ConfigureAwait(false))
        {
            sessionUp = false;
            throw new ModemOperationException(ModemFailure.ConnectRefused,
                $"{options.PortName}: {start.Name} answered OK but {AtDataCalls.Check(options.DataCall).Text} shows no call on context {options.ContextId}; check the APN in the profile");
        }
        var assigned = await ReadAssignedAddressesAsync(cancellationToken).ConfigureAwait(false);
        return new SessionSettings(null, 0, null, [], null) { ByDhcp = true, NetworkAssigned = assigned };
    }

    public Task<bool> IsSessionUpAsync(CancellationToken cancellationToken) =>
        sessionUp ? IsCallUpAsync(cancellationToken) : Task.FromResult(false);

    /// <summary>The dialect's check command: whether the call on the configured context is up.</summary>
    private async Task<bool> IsCallUpAsync(CancellationToken cancellationToken)
    {
        var check = AtDataCalls.Check(options.DataCall);
        var what = $"checking the data call ({check.Text})";
        var response = await RunAsync(check, what, cancellationToken).ConfigureAwait(false);
        return Parse(response, what, lines => AtDataCalls.IsConnected(options, lines));
    }

    /// <summary>
    /// AT+CGCONTRDP=&lt;cid&gt; (TS 27.007 §10.1.23: address, mask, gateway, DNS), else AT+CGPADDR=&lt;cid&gt;
    /// (§10.1.14: addresses only); null when the firmware has neither. Informational: an error here
    /// does not fail a call that is up.
    /// </summary>
    private async Task<NetworkAssignedAddresses?> ReadAssignedAddressesAsync(CancellationToken cancellationToken)
    {
        const string dynamic = "reading the session's parameters (AT+CGCONTRDP)";
        var parameters = await SendAsync(AtCommand.Set("+CGCONTRDP", AtArgument.Number(options.ContextId)), dynamic, cancellationToken).ConfigureAwait(false);
        if (parameters.IsOk)
        {
            var lines = Parse(parameters, dynamic, PdpParsers.ParseDynamicParameters);
            var v4 = lines.FirstOrDefault(l => l.Address?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
            var v6 = lines.FirstOrDefault(l => l.Address?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6);
            var dns = lines.SelectMany(l => new[] { l.PrimaryDns, l.SecondaryDns }).OfType<IPAddress>().Distinct().ToArray();
            return new NetworkAssignedAddresses(v4?.Address, v4?.SubnetMask is { } mask ? PrefixLength(mask) : null, v4?.Gateway, dns, v6?.Address);
        }
        const string addresses = "reading the session's addresses (AT+CGPADDR)";
        var assigned = await SendAsync(AtCommand.Set("+CGPADDR", AtArgument.Number(options.ContextId)), addresses, cancellationToken).ConfigureAwait(false);
        if (!assigned.IsOk)
        {
            return null;
        }
        var context = Parse(assigned, addresses, PdpParsers.ParseAddresses).FirstOrDefault(a => a.Cid == options.ContextId);
        return context is null ? null : new NetworkAssignedAddresses(context.Ipv4, null, null, [], context.Ipv6);
    }

    private static int PrefixLength(IPAddress mask) => mask.GetAddressBytes().Sum(b => System.Numerics.BitOperations.PopCount(b));

    /// <summary>The dialect's stop command; an error answer while no call is up is what "nothing to stop" looks like on these firmwares.</summary>
    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (!sessionUp)
        {
            return;
        }
        sessionUp = false;
        var stop = AtDataCalls.Stop(options, sessionFamily);
        var response = await SendAsync(stop, $"stopping the data call ({stop.Name})", cancellationToken).ConfigureAwait(false);
        if (!response.IsOk && await IsCallUpAsync(cancellationToken).ConfigureAwait(false))
        {
            throw AtFailures.FromFinal(options.PortName, $"stopping the data call ({stop.Text})", response.Final);
        }
    }

    /// <summary>
    /// URCs as events: +CREG/+CEREG → <see cref="RegistrationChanged"/> (combined over both domains by
    /// <see cref="AtRegistration"/>); the dialect's call URC (<see cref="AtDataCalls.CallChangedPrefix"/>)
    /// → the check command, and <see cref="SessionDropped"/> when the call is no longer up. With
    /// <see cref="AtDataCallDialect.GenericCgact"/> no URC tells that the network ended the call: the
    /// lifecycle's periodic check has to. The port closing ends the events with <see cref="PortLost"/>.
    /// </summary>
    public async IAsyncEnumerable<BackendEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var callPrefix = AtDataCalls.CallChangedPrefix(options.DataCall);
        await foreach (var unsolicited in channel.UnsolicitedAsync(cancellationToken).ConfigureAwait(false))
        {
            var line = unsolicited.Line.Trim();
            if (line.StartsWith("+CREG:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("+CEREG:", StringComparison.OrdinalIgnoreCase))
            {
                if (ReadRegistrationUrc(line) is { } report)
                {
                    yield return new RegistrationChanged(registration.Update(report));
                }
            }
            else if (callPrefix is not null && sessionUp && line.StartsWith(callPrefix, StringComparison.OrdinalIgnoreCase)
                && await CallEndedAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return new SessionDropped($"the network ended the data call ({line})");
            }
        }
        if (!cancellationToken.IsCancellationRequested)
        {
            yield return new PortLost($"{options.PortName}: the AT port closed ({channel.ClosedBecause ?? "end of stream"}); the modem was unplugged, reset or re-enumerated");
        }
    }

    /// <summary>A registration URC, or null (logged nowhere, dropped) when a firmware sends one that does not parse.</summary>
    private static RegistrationReport? ReadRegistrationUrc(string line)
    {
        try
        {
            return RegistrationParsers.ParseUnsolicited(line);
        }
        catch (WwanDaemon.At.AtProtocolException)
        {
            // The next read of +CEREG?/+CREG? (the lifecycle polls) tells the registration anyway.
            return null;
        }
    }

    /// <summary>After the dialect's call URC: is the call gone? A port that fails here is reported by the URC stream ending.</summary>
    private async Task<bool> CallEndedAsync(CancellationToken cancellationToken)
    {
        try
        {
            return sessionUp && !await IsCallUpAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ModemOperationException error) when (error.Failure is ModemFailure.PortGone or ModemFailure.Timeout or ModemFailure.Other)
        {
            // PortGone ends the URC stream right after (PortLost); a timeout or an unreadable answer
            // leaves the call to the lifecycle's next check rather than dropping a session that may be up.
            return false;
        }
    }
}
