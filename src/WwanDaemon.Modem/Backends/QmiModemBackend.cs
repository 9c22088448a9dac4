using System.Net;
using System.Runtime.CompilerServices;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Qmi;
using WwanDaemon.Qmi.Client;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Modem.Backends;

/// <summary>
/// A modem driven over QMI (a qmi_wwan cdc-wdm port, or QMI carried in MBIM): DMS for identity, SIM
/// PIN and the radio, NAS for registration and signal, WDA for raw-IP framing, WDS for the data
/// session. Message and TLV names are those of data/qmi/*.json (libqmi's declarations).
/// </summary>
public sealed partial class QmiModemBackend : IModemBackend
{
    private const byte WdsId = 1, DmsId = 2, NasId = 3, WdaId = 26;
    private readonly QmiDevice device;
    private readonly QmiBackendOptions options;
    private readonly QmiClient dms, nas, wds;
    private readonly QmiClient? wda;
    private long? sessionHandle;

    private QmiModemBackend(QmiDevice device, QmiBackendOptions options, QmiClient dms, QmiClient nas, QmiClient wds, QmiClient? wda)
    {
        this.device = device;
        this.options = options;
        this.dms = dms;
        this.nas = nas;
        this.wds = wds;
        this.wda = wda;
    }

    public string Protocol => "qmi";

    /// <summary>Why NAS Register Indications was refused, when it was (registration is then only polled).</summary>
    public string? IndicationRegistrationRefused { get; private set; }

    public string ControlPort => options.PortName;

    /// <summary>Opens QMI on <paramref name="stream"/> and allocates the DMS, NAS, WDS (and WDA) clients.</summary>
    public static async Task<QmiModemBackend> OpenAsync(Stream stream, QmiBackendOptions options, CancellationToken cancellationToken)
    {
        var device = await Call(options.PortName, "opening QMI", () => QmiDevice.OpenAsync(stream,
            new QmiDeviceOptions { Name = options.PortName, RequestTimeout = options.RequestTimeout }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        try
        {
            var dms = await Call(options.PortName, "allocating a DMS client", () => QmiClient.AllocateAsync(device, "dms", DmsId, cancellationToken)).ConfigureAwait(false);
            var nas = await Call(options.PortName, "allocating a NAS client", () => QmiClient.AllocateAsync(device, "nas", NasId, cancellationToken)).ConfigureAwait(false);
            var wds = await Call(options.PortName, "allocating a WDS client", () => QmiClient.AllocateAsync(device, "wds", WdsId, cancellationToken)).ConfigureAwait(false);
            var wda = options.SetRawIp
                ? await Call(options.PortName, "allocating a WDA client", () => QmiClient.AllocateAsync(device, "wda", WdaId, cancellationToken)).ConfigureAwait(false)
                : null;
            return new QmiModemBackend(device, options, dms, nas, wds, wda);
        }
        catch (Exception)
        {
            await device.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<ModemIdentity> ReadIdentityAsync(CancellationToken cancellationToken)
    {
        var manufacturer = await Call("reading the manufacturer", () => dms.RequestAsync("Get Manufacturer", cancellationToken)).ConfigureAwait(false);
        var model = await Call("reading the model", () => dms.RequestAsync("Get Model", cancellationToken)).ConfigureAwait(false);
        var revision = await Call("reading the firmware revision", () => dms.RequestAsync("Get Revision", cancellationToken)).ConfigureAwait(false);
        var ids = await Call("reading the IMEI", () => dms.RequestAsync("Get IDs", cancellationToken)).ConfigureAwait(false);
        return new ModemIdentity(Text(manufacturer["Manufacturer"]), Text(model["Model"]), Text(revision["Revision"]), Text(ids["Imei"]));
    }

    public async Task<SimStatus> ReadSimAsync(CancellationToken cancellationToken)
    {
        Qmi.Messages.QmiDecodedMessage status;
        try
        {
            status = await dms.RequestAsync("UIM Get PIN Status", cancellationToken).ConfigureAwait(false);
        }
        catch (QmiErrorException error) when (error.ErrorName is "UimUninitialized" or "SimNotInserted")
        {
            return new SimStatus(SimLock.Absent, null, null, null, null);
        }
        catch (Exception error) when (Translate(error, "reading the SIM PIN status") is { } failure)
        {
            throw failure;
        }
        var pin1 = status["PIN1 Status"]?.AsStruct();
        // DmsUimPinStatus: 0 not-initialized, 1 enabled-not-verified, 2 enabled-verified, 3 disabled, 4 blocked, 5 permanently-blocked.
        var lockState = pin1?["Current Status"].AsInteger() switch
        {
            1 => SimLock.PinRequired,
            4 => SimLock.PukRequired,
            5 => SimLock.Blocked,
            0 => SimLock.Absent,
            _ => SimLock.Ready,
        };
        var pinRetries = (int?)pin1?["Verify Retries Left"].AsInteger();
        var pukRetries = (int?)pin1?["Unblock Retries Left"].AsInteger();
        var iccid = await Optional(() => dms.RequestAsync("UIM Get ICCID", cancellationToken), "ICCID").ConfigureAwait(false);
        var imsi = lockState == SimLock.Ready ? await Optional(() => dms.RequestAsync("UIM Get IMSI", cancellationToken), "IMSI").ConfigureAwait(false) : null;
        return new SimStatus(lockState, pinRetries, pukRetries, iccid, imsi);
    }

    public async Task UnlockAsync(string pin, CancellationToken cancellationToken)
    {
        try
        {
            await dms.RequestAsync("UIM Verify PIN", [new QmiField("Info", new QmiStruct([new QmiField("Pin ID", new QmiInteger(1)), new QmiField("PIN", new QmiString(pin))]))], cancellationToken).ConfigureAwait(false);
        }
        catch (QmiErrorException error) when (error.ErrorName is "IncorrectPin" or "PinBlocked")
        {
            throw new ModemOperationException(ModemFailure.IncorrectPin,
                $"{options.PortName}: the SIM refused the PIN ({error.ErrorName}); fix the PIN in the profile before trying again, each wrong try uses one of the SIM's few attempts", error);
        }
        catch (Exception error) when (Translate(error, "sending the SIM PIN") is { } failure)
        {
            throw failure;
        }
    }

    public async Task EnableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await dms.RequestAsync("Set Operating Mode", [new QmiField("Mode", new QmiInteger(0))], cancellationToken).ConfigureAwait(false); // online
        }
        catch (QmiErrorException error) when (error.ErrorName == "InvalidTransition" && options.FccUnlock)
        {
            await Call("sending the FCC unlock", () => dms.RequestAsync("Set FCC Authentication", cancellationToken)).ConfigureAwait(false);
            await Call("turning the radio on after the FCC unlock", () => dms.RequestAsync("Set Operating Mode", [new QmiField("Mode", new QmiInteger(0))], cancellationToken)).ConfigureAwait(false);
        }
        catch (QmiErrorException error) when (error.ErrorName == "InvalidTransition")
        {
            throw new ModemOperationException(ModemFailure.RadioLocked,
                $"{options.PortName}: the radio refused to go online (InvalidTransition): the modem is FCC-locked or its radio switch is off; if this model needs an FCC unlock, add the fcc-unlock quirk for it", error);
        }
        catch (Exception error) when (Translate(error, "turning the radio on") is { } failure)
        {
            throw failure;
        }
        try
        {
            await nas.RequestAsync("Register Indications", [new QmiField("Serving System Events", new QmiInteger(1))], cancellationToken).ConfigureAwait(false);
        }
        catch (QmiErrorException error)
        {
            // Older firmware refuses the request yet sends serving-system indications anyway, and
            // registration is also polled: kept for diagnosis rather than failing the enable.
            IndicationRegistrationRefused = error.Message;
        }
    }

    public Task DisableAsync(CancellationToken cancellationToken) =>
        Call("turning the radio off", () => dms.RequestAsync("Set Operating Mode", [new QmiField("Mode", new QmiInteger(1))], cancellationToken)); // low-power

    public async Task<NetworkStatus> ReadNetworkAsync(CancellationToken cancellationToken)
    {
        var serving = await Call("reading the serving system", () => nas.RequestAsync("Get Serving System", cancellationToken)).ConfigureAwait(false);
        var registration = QmiRegistration.From(serving);
        int? quality = null, dbm = null;
        if (registration.IsRegistered)
        {
            var signal = await Optional(() => nas.RequestAsync("Get Signal Strength", cancellationToken)).ConfigureAwait(false);
            dbm = signal?["Signal Strength"] is QmiStruct strength ? (int)strength["Strength"].AsInteger() : null; // already dBm (libqmi: gint8 strength)
            quality = dbm is { } value ? SignalQuality.FromRssi(value) : null;
        }
        return registration with { SignalQuality = quality, RssiDbm = dbm };
    }

    public async ValueTask DisposeAsync()
    {
        await wds.DisposeAsync().ConfigureAwait(false);
        await nas.DisposeAsync().ConfigureAwait(false);
        await dms.DisposeAsync().ConfigureAwait(false);
        if (wda is not null)
        {
            await wda.DisposeAsync().ConfigureAwait(false);
        }
        await device.DisposeAsync().ConfigureAwait(false);
    }

    private static string? Text(QmiValue? value) => value is QmiString text ? text.Value : null;

    private static async Task<string?> Optional(Func<Task<Qmi.Messages.QmiDecodedMessage>> request, string tlv) =>
        Text((await Optional(request).ConfigureAwait(false))?[tlv]);

    /// <summary>A request whose refusal only means "not known" (no ICCID before the SIM is read, no signal while searching).</summary>
    private static async Task<Qmi.Messages.QmiDecodedMessage?> Optional(Func<Task<Qmi.Messages.QmiDecodedMessage>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (QmiErrorException)
        {
            return null;
        }
    }

    private Task<T> Call<T>(string what, Func<Task<T>> request) => Call(options.PortName, what, request);

    private static async Task<T> Call<T>(string port, string what, Func<Task<T>> request)
    {
        try
        {
            return await request().ConfigureAwait(false);
        }
        catch (Exception error) when (Translate(port, error, what) is { } failure)
        {
            throw failure;
        }
    }

    private ModemOperationException? Translate(Exception error, string what) => Translate(options.PortName, error, what);

    /// <summary>QMI client errors → <see cref="ModemOperationException"/> naming the port; cancellation passes through.</summary>
    private static ModemOperationException? Translate(string port, Exception error, string what) => error switch
    {
        OperationCanceledException => null,
        ModemOperationException => null,
        QmiTimeoutException => new ModemOperationException(ModemFailure.Timeout, $"{port}: no answer while {what}: {error.Message}", error),
        // A firmware restart drops every client id (QMI CTL): each later request is refused this way.
        QmiErrorException { ErrorName: "InvalidClientId" } => new ModemOperationException(ModemFailure.ModemRestarted,
            $"{port}: the modem restarted while {what} (it no longer knows the daemon's QMI client ids); opening it again", error),
        QmiErrorException qmi => new ModemOperationException(ModemFailure.Other, $"{port}: {what} failed: QMI error {qmi.ErrorName}", error),
        IOException or ObjectDisposedException => new ModemOperationException(ModemFailure.PortGone, $"{port}: the port went away while {what}: {error.Message}", error),
        QmiProtocolException => new ModemOperationException(ModemFailure.Other, $"{port}: the modem's answer while {what} was malformed: {error.Message}", error),
        _ => null,
    };
}
