using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Client;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;
using WwanDaemon.Qmi.Client;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Modem.Backends;

/// <summary>
/// A modem driven over MBIM (cdc_mbim): Device Caps for identity, Subscriber Ready Status and Pin for
/// the SIM, Radio State (with the FCC unlock over the QMI service where the quirk says so), Register
/// State and Signal State, Packet Service, Connect and IP Configuration for the session. Command and
/// field names are those of data/mbim/basic-connect.json; numeric values are MBIM 1.0's (as libmbim's
/// mbim-enums.h names them), noted where used.
/// </summary>
public sealed partial class MbimModemBackend : IModemBackend
{
    private const string BasicConnect = "basic-connect";
    private readonly MbimDevice device;
    private readonly MbimBackendOptions options;

    private MbimModemBackend(MbimDevice device, MbimBackendOptions options)
    {
        this.device = device;
        this.options = options;
    }

    public string Protocol => "mbim";

    public string ControlPort => options.PortName;

    /// <summary>Sends MBIM OPEN on <paramref name="stream"/>.</summary>
    public static async Task<MbimModemBackend> OpenAsync(Stream stream, MbimBackendOptions options, CancellationToken cancellationToken)
    {
        var device = await Call(options.PortName, "opening MBIM", () => MbimDevice.OpenAsync(stream,
            new MbimDeviceOptions { Name = options.PortName, RequestTimeout = options.RequestTimeout }, ct: cancellationToken)).ConfigureAwait(false);
        return new MbimModemBackend(device, options);
    }

    public async Task<ModemIdentity> ReadIdentityAsync(CancellationToken cancellationToken)
    {
        var caps = await Query("Device Caps", "reading the device capabilities", cancellationToken).ConfigureAwait(false);
        return new ModemIdentity(null, Text(caps["HardwareInfo"]), Text(caps["FirmwareInfo"]), Text(caps["DeviceId"]));
    }

    /// <summary>MbimSubscriberReadyState: 0 not-initialized, 1 initialized, 2 sim-not-inserted, 3 bad-sim, 4 failure, 5 not-activated, 6 device-locked.</summary>
    public async Task<SimStatus> ReadSimAsync(CancellationToken cancellationToken)
    {
        var ready = await Query("Subscriber Ready Status", "reading the SIM state", cancellationToken).ConfigureAwait(false);
        var state = ready["ReadyState"]?.AsInteger();
        var iccid = Text(ready["SimIccId"]);
        var imsi = Text(ready["SubscriberId"]);
        if (state is 2 or 3 or 4)
        {
            return new SimStatus(SimLock.Absent, null, null, iccid, null);
        }
        if (state != 6)
        {
            return new SimStatus(SimLock.Ready, null, null, iccid, imsi);
        }
        // MbimPinType 2 = pin1, 11 = puk1; MbimPinState 1 = locked.
        var pin = await Query("Pin", "reading which PIN the SIM wants", cancellationToken).ConfigureAwait(false);
        var type = pin["PinType"]?.AsInteger();
        var attempts = (int?)pin["RemainingAttempts"]?.AsInteger();
        return type switch
        {
            11 => new SimStatus(SimLock.PukRequired, 0, attempts, iccid, null),
            2 => new SimStatus(SimLock.PinRequired, attempts, null, iccid, null),
            _ => new SimStatus(SimLock.PinRequired, attempts, null, iccid, null),
        };
    }

    public async Task UnlockAsync(string pin, CancellationToken cancellationToken)
    {
        try
        {
            await device.SetAsync(BasicConnect, "Pin",
                [F("PinType", 2), F("PinOperation", 0), new QmiField("Pin", new QmiString(pin)), new QmiField("NewPin", new QmiString(""))], cancellationToken).ConfigureAwait(false);
        }
        catch (MbimStatusException error) when (error.Status == MbimStatus.Failure || error.StatusName.Contains("Pin", StringComparison.Ordinal))
        {
            var left = error.Response?["RemainingAttempts"]?.AsInteger();
            throw new ModemOperationException(ModemFailure.IncorrectPin,
                $"{options.PortName}: the SIM refused the PIN ({error.StatusName}{(left is { } n ? $", {n} tries left" : "")}); fix the PIN in the profile before trying again", error);
        }
        catch (Exception error) when (Translate(options.PortName, error, "sending the SIM PIN") is { } failure)
        {
            throw failure;
        }
    }

    public async Task EnableAsync(CancellationToken cancellationToken)
    {
        try
        {
            await device.SetAsync(BasicConnect, "Radio State", [F("RadioState", 1)], cancellationToken).ConfigureAwait(false); // MbimRadioSwitchState on
            return;
        }
        catch (MbimStatusException error) when (!options.FccUnlockOverQmi)
        {
            throw new ModemOperationException(ModemFailure.RadioLocked,
                $"{options.PortName}: the radio refused to turn on ({error.StatusName}): the modem is FCC-locked or its radio switch is off; if this model needs an FCC unlock, add the fcc-unlock quirk for it", error);
        }
        catch (MbimStatusException)
        {
            // FCC-locked (seed 003): unlock through the QMI service, then try once more below.
        }
        catch (Exception error) when (Translate(options.PortName, error, "turning the radio on") is { } failure)
        {
            throw failure;
        }
        await UnlockFccOverQmiAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await device.SetAsync(BasicConnect, "Radio State", [F("RadioState", 1)], cancellationToken).ConfigureAwait(false);
        }
        catch (MbimStatusException error)
        {
            throw new ModemOperationException(ModemFailure.RadioLocked,
                $"{options.PortName}: the radio still refuses to turn on after the FCC unlock over QMI ({error.StatusName}); check the hardware radio switch (rfkill)", error);
        }
        catch (Exception error) when (Translate(options.PortName, error, "turning the radio on after the FCC unlock") is { } failure)
        {
            throw failure;
        }
    }

    private async Task UnlockFccOverQmiAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var qmi = await QmiDevice.OpenAsync(device.OpenQmiTransport(),
                new QmiDeviceOptions { Name = $"{options.PortName} (QMI over MBIM)", RequestTimeout = options.RequestTimeout }, cancellationToken: cancellationToken).ConfigureAwait(false);
            await using var dms = await QmiClient.AllocateAsync(qmi, "dms", 2, cancellationToken).ConfigureAwait(false);
            await dms.RequestAsync("Set FCC Authentication", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is QmiErrorException or QmiTimeoutException or MbimStatusException or Qmi.QmiProtocolException)
        {
            throw new ModemOperationException(ModemFailure.RadioLocked,
                $"{options.PortName}: the FCC unlock over MBIM's QMI service failed: {error.Message}; the modem's firmware may need a vendor-specific unlock", error);
        }
    }

    public Task DisableAsync(CancellationToken cancellationToken) =>
        Call(options.PortName, "turning the radio off", () => device.SetAsync(BasicConnect, "Radio State", [F("RadioState", 0)], cancellationToken));

    /// <summary>MbimRegisterState: 0 unknown, 1 deregistered, 2 searching, 3 home, 4 roaming, 5 partner, 6 denied. Signal State Rssi 0–31 (99 unknown).</summary>
    public async Task<NetworkStatus> ReadNetworkAsync(CancellationToken cancellationToken)
    {
        var register = await Query("Register State", "reading the registration", cancellationToken).ConfigureAwait(false);
        var status = MbimRegistration.From(register);
        if (!status.IsRegistered)
        {
            return status;
        }
        var signal = await Query("Signal State", "reading the signal", cancellationToken).ConfigureAwait(false);
        var rssi = signal["Rssi"]?.AsInteger();
        return status with { SignalQuality = rssi is >= 0 and <= 31 ? (int)(rssi.Value * 100 / 31) : null, RssiDbm = rssi is { } code ? RssiCode.ToDbm(code) : null };
    }

    public async ValueTask DisposeAsync() => await device.DisposeAsync().ConfigureAwait(false);

    private Task<MbimDecodedMessage> Query(string command, string what, CancellationToken cancellationToken, IReadOnlyList<QmiField>? fields = null) =>
        Call(options.PortName, what, () => device.QueryAsync(BasicConnect, command, fields, cancellationToken));

    private static QmiField F(string name, long value) => new(name, new QmiInteger(value));

    private static string? Text(QmiValue? value) => value is QmiString text && text.Value.Length > 0 ? text.Value : null;

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

    private static ModemOperationException? Translate(string port, Exception error, string what) => error switch
    {
        OperationCanceledException or ModemOperationException => null,
        MbimTimeoutException => new ModemOperationException(ModemFailure.Timeout, $"{port}: no answer while {what}: {error.Message}", error),
        // MBIM 1.0 §9.3.4: a function that restarted is closed and answers every command NotOpened.
        MbimProtocolException { Error: MbimProtocolError.NotOpened } => new ModemOperationException(ModemFailure.ModemRestarted,
            $"{port}: the modem restarted while {what} (the MBIM function is closed again); opening it again", error),
        MbimStatusException status => new ModemOperationException(ModemFailure.Other, $"{port}: {what} failed: MBIM status {status.StatusName}", error),
        IOException or ObjectDisposedException => new ModemOperationException(ModemFailure.PortGone, $"{port}: the port went away while {what}: {error.Message}", error),
        MbimProtocolException => new ModemOperationException(ModemFailure.Other, $"{port}: the modem's answer while {what} was malformed: {error.Message}", error),
        _ => null,
    };
}
