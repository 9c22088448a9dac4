using System.Net;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Qmi.Client;
using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Modem.Backends;

public sealed partial class QmiModemBackend
{
    private const int RawIpLinkLayer = 2;      // WdaLinkLayerProtocol raw-ip
    private const long EveryCurrentSetting = 0xffff;

    public async Task<SessionSettings> ConnectAsync(ConnectionProfile profile, CancellationToken cancellationToken)
    {
        if (wda is not null)
        {
            var format = await Call("asking for raw-IP framing (WDA Set Data Format)",
                () => wda.RequestAsync("Set Data Format", [new QmiField("Link Layer Protocol", new QmiInteger(RawIpLinkLayer))], cancellationToken)).ConfigureAwait(false);
            if (format["Link Layer Protocol"]?.AsInteger() is { } agreed && agreed != RawIpLinkLayer)
            {
                throw new ModemOperationException(ModemFailure.Other,
                    $"{options.PortName}: the modem kept link layer protocol {agreed} instead of raw IP; this daemon only drives raw-IP sessions over QMI");
            }
            await SwitchKernelToRawIpAsync(cancellationToken).ConfigureAwait(false);
        }
        var request = new List<QmiField>
        {
            new("APN", new QmiString(profile.Apn)),
            new("IP Family Preference", new QmiInteger(profile.IpType == IpFamily.Ipv6 ? 6 : 4)),
        };
        if (profile.Authentication != ApnAuthentication.None)
        {
            request.Add(new QmiField("Authentication Preference", new QmiInteger(profile.Authentication == ApnAuthentication.Pap ? 1 : 2)));
            request.Add(new QmiField("Username", new QmiString(profile.User ?? "")));
            request.Add(new QmiField("Password", new QmiString(profile.Password ?? "")));
        }
        QmiDecodedMessage started;
        try
        {
            started = await wds.RequestAsync("Start Network", request, cancellationToken).ConfigureAwait(false);
        }
        catch (QmiErrorException error) when (error.ErrorName == "CallFailed")
        {
            throw new ModemOperationException(ModemFailure.ConnectRefused,
                $"{options.PortName}: the network refused the data session for APN '{profile.Apn}' (QMI CallFailed); check the APN, user and password in the profile", error);
        }
        catch (Exception error) when (Translate(error, "starting the data session") is { } failure)
        {
            throw failure;
        }
        sessionHandle = started["Packet Data Handle"]?.AsInteger();
        var settings = await Call("reading the session's IP settings",
            () => wds.RequestAsync("Get Current Settings", [new QmiField("Requested Settings", new QmiInteger(EveryCurrentSetting))], cancellationToken)).ConfigureAwait(false);
        return QmiSessionSettings.From(settings);
    }

    /// <summary>WDS Get Packet Service Status: WdsConnectionStatus 2 = connected.</summary>
    public async Task<bool> IsSessionUpAsync(CancellationToken cancellationToken)
    {
        if (sessionHandle is null)
        {
            return false;
        }
        var status = await Call("reading the packet service status", () => wds.RequestAsync("Get Packet Service Status", cancellationToken)).ConfigureAwait(false);
        return status["Connection Status"]?.AsInteger() == 2;
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (sessionHandle is not { } handle)
        {
            return;
        }
        sessionHandle = null;
        try
        {
            await wds.RequestAsync("Stop Network", [new QmiField("Packet Data Handle", new QmiInteger(handle))], cancellationToken).ConfigureAwait(false);
        }
        catch (QmiErrorException error) when (error.ErrorName is "NoEffect" or "OutOfCall" or "InvalidHandle")
        {
            // The session was already gone (the network ended it): nothing left to stop.
        }
        catch (Exception error) when (Translate(error, "stopping the data session") is { } failure)
        {
            throw failure;
        }
    }

    private async Task SwitchKernelToRawIpAsync(CancellationToken cancellationToken)
    {
        if (options.RawIpSysfsFile is not { } file)
        {
            return;
        }
        try
        {
            var now = (await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)).Trim();
            if (now != "Y")
            {
                await File.WriteAllTextAsync(file, "Y", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new ModemOperationException(ModemFailure.Other,
                $"{options.PortName}: could not switch qmi_wwan to raw IP by writing Y to {file}: {error.Message}; the interface must be down and the daemon must run as root", error);
        }
    }

    /// <summary>NAS serving-system and WDS packet-service indications as events; the port closing ends them with <see cref="PortLost"/>.</summary>
    public async IAsyncEnumerable<BackendEvent> EventsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = Channel.CreateUnbounded<BackendEvent>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pumps = Task.WhenAll(
            PumpAsync(nas, events.Writer, m => m.Name == "Serving System" ? new RegistrationChanged(QmiRegistration.From(m).Registration) : null, stop.Token),
            PumpAsync(wds, events.Writer, m => m.Name == "Packet Service Status" && QmiSessionSettings.IsDisconnected(m)
                ? new SessionDropped(QmiSessionSettings.DisconnectReason(m)) : null, stop.Token));
        _ = pumps.ContinueWith(_ => events.Writer.TryComplete(), TaskScheduler.Default);
        await foreach (var item in events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
            if (item is PortLost)
            {
                break;
            }
        }
        await stop.CancelAsync().ConfigureAwait(false);
    }

    private async Task PumpAsync(QmiClient client, ChannelWriter<BackendEvent> writer, Func<QmiDecodedMessage, BackendEvent?> map, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var indication in client.IndicationsAsync(cancellationToken).ConfigureAwait(false))
            {
                if (map(indication) is { } item)
                {
                    writer.TryWrite(item);
                }
            }
            if (device.IsClosed)
            {
                writer.TryWrite(new PortLost($"{options.PortName}: the QMI port closed"));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the caller stopped listening
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException)
        {
            writer.TryWrite(new PortLost($"{options.PortName}: {error.Message}"));
        }
    }
}
