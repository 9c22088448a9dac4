using System.Net;
using System.Runtime.CompilerServices;
using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Client;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Modem.Backends;

public sealed partial class MbimModemBackend
{
    /// <summary>MBIM_CONTEXT_TYPE_INTERNET (MBIM 1.0 table 10-74; libmbim mbim-uuid.c).</summary>
    private const string InternetContext = "7e5e2a7e-4e6f-7272-736b-656e7e5e2a7e";

    private bool sessionUp;

    public async Task<SessionSettings> ConnectAsync(ConnectionProfile profile, CancellationToken cancellationToken)
    {
        await Call(options.PortName, "attaching to the packet service",
            () => device.SetAsync(BasicConnect, "Packet Service", [F("PacketServiceAction", 0)], cancellationToken)).ConfigureAwait(false); // attach
        MbimDecodedMessage connected;
        try
        {
            connected = await device.SetAsync(BasicConnect, "Connect", ConnectFields(profile, activate: true), cancellationToken).ConfigureAwait(false);
        }
        catch (MbimStatusException error)
        {
            throw new ModemOperationException(ModemFailure.ConnectRefused,
                $"{options.PortName}: the network refused the data session for APN '{profile.Apn}' (MBIM status {error.StatusName}); check the APN, user and password in the profile", error);
        }
        catch (Exception error) when (Translate(options.PortName, error, "starting the data session") is { } failure)
        {
            throw failure;
        }
        if (connected["ActivationState"]?.AsInteger() != 1) // MbimActivationState activated
        {
            throw new ModemOperationException(ModemFailure.ConnectRefused,
                $"{options.PortName}: the data session for APN '{profile.Apn}' did not activate (activation state {connected["ActivationState"]?.AsInteger()})");
        }
        sessionUp = true;
        var ip = await Query("IP Configuration", "reading the session's IP configuration", cancellationToken, [F("SessionId", options.SessionId), .. EmptyIpConfiguration]).ConfigureAwait(false);
        return MbimSessionSettings.From(ip);
    }

    /// <summary>Connect query for the session: MbimActivationState 1 = activated.</summary>
    public async Task<bool> IsSessionUpAsync(CancellationToken cancellationToken)
    {
        if (!sessionUp)
        {
            return false;
        }
        var state = await Query("Connect", "reading the session state", cancellationToken,
            [F("SessionId", options.SessionId), F("ActivationState", 0), F("VoiceCallState", 0), F("IpType", 0), new("ContextType", new QmiString(InternetContext)), F("NwError", 0)]).ConfigureAwait(false);
        return state["ActivationState"]?.AsInteger() == 1;
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (!sessionUp)
        {
            return;
        }
        sessionUp = false;
        try
        {
            await device.SetAsync(BasicConnect, "Connect", ConnectFields(new ConnectionProfile { Apn = "" }, activate: false), cancellationToken).ConfigureAwait(false);
        }
        catch (MbimStatusException error) when (error.StatusName == "ContextNotActivated")
        {
            // The network had already ended it.
        }
        catch (Exception error) when (Translate(options.PortName, error, "stopping the data session") is { } failure)
        {
            throw failure;
        }
    }

    private QmiField[] ConnectFields(ConnectionProfile profile, bool activate) =>
    [
        F("SessionId", options.SessionId), F("ActivationCommand", activate ? 1 : 0),
        new("AccessString", new QmiString(profile.Apn)), new("UserName", new QmiString(profile.User ?? "")), new("Password", new QmiString(profile.Password ?? "")),
        F("Compression", 0),
        F("AuthProtocol", profile.Authentication switch { ApnAuthentication.Pap => 1, ApnAuthentication.Chap => 2, _ => 0 }),
        F("IpType", profile.IpType switch { IpFamily.Ipv6 => 2, IpFamily.Ipv4v6 => 3, _ => 1 }), // MbimContextIpType ipv4 1, ipv6 2, ipv4v6 3
        new("ContextType", new QmiString(InternetContext)),
    ];

    /// <summary>libmbim declares IP Configuration's query with the response's fields; a query sends them empty.</summary>
    private static readonly QmiField[] EmptyIpConfiguration =
    [
        F("IPv4ConfigurationAvailable", 0), F("IPv6ConfigurationAvailable", 0),
        new("IPv4Address", new QmiArray([])), new("IPv6Address", new QmiArray([])),
        new("IPv4DnsServer", new QmiArray([])), new("IPv6DnsServer", new QmiArray([])),
        F("IPv4Mtu", 0), F("IPv6Mtu", 0),
    ];

    /// <summary>Register State and Connect notifications as events; the port closing ends them with <see cref="PortLost"/>.</summary>
    public async IAsyncEnumerable<BackendEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var enumerator = device.IndicationsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        try
        {
            while (true)
            {
                BackendEvent? next;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        next = new PortLost($"{options.PortName}: the MBIM port closed");
                    }
                    else
                    {
                        next = Map(enumerator.Current);
                    }
                }
                catch (Exception error) when (error is IOException or ObjectDisposedException)
                {
                    next = new PortLost($"{options.PortName}: {error.Message}");
                }
                if (next is not null)
                {
                    yield return next;
                }
                if (next is PortLost)
                {
                    yield break;
                }
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);
        }
    }

    private BackendEvent? Map(MbimDecodedMessage indication) => indication.Command switch
    {
        "Register State" => new RegistrationChanged(MbimRegistration.From(indication).Registration),
        "Connect" when indication["SessionId"]?.AsInteger() == options.SessionId && indication["ActivationState"]?.AsInteger() is 3 or 0 && sessionUp
            => new SessionDropped($"the network ended the session (MBIM activation state {indication["ActivationState"]!.AsInteger()}, nw error {indication["NwError"]?.AsInteger()})"),
        _ => null,
    };
}
