using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;
using WwanDaemon.At.Lines;
using WwanDaemon.At.Parsers;

namespace WwanDaemon.Modem.Backends;

public sealed partial class AtModemBackend
{
    /// <summary>
    /// AT+CPIN? (TS 27.007 §8.3), then the ICCID (readable before the PIN, TS 102.221 §13.2), the
    /// IMSI (AT+CIMI, only once unlocked) and, while a PIN or PUK is asked for, the tries left.
    /// </summary>
    public async Task<SimStatus> ReadSimAsync(CancellationToken cancellationToken)
    {
        var state = await ReadPinStateAsync(cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return new SimStatus(SimLock.Absent, null, null, null, null);
        }
        var iccid = await ReadIccidAsync(cancellationToken).ConfigureAwait(false);
        switch (state)
        {
            case SimLockState.Ready:
                var imsi = await ReadAsync(AtCommand.Execute("+CIMI"), "reading the IMSI (AT+CIMI)", IdentityParsers.ParseImsi, cancellationToken).ConfigureAwait(false);
                return new SimStatus(SimLock.Ready, null, null, iccid, imsi);
            case SimLockState.SimPin:
                var pinCounts = await ReadPinCountersAsync(cancellationToken).ConfigureAwait(false);
                return new SimStatus(SimLock.PinRequired, pinCounts?.Pin1, pinCounts?.Puk1, iccid, null);
            case SimLockState.SimPuk:
                var pukCounts = await ReadPinCountersAsync(cancellationToken).ConfigureAwait(false);
                return pukCounts?.Puk1 == 0
                    ? new SimStatus(SimLock.Blocked, 0, 0, iccid, null)
                    : new SimStatus(SimLock.PukRequired, 0, pukCounts?.Puk1, iccid, null);
            case SimLockState.NotInserted:
                return new SimStatus(SimLock.Absent, null, null, null, null);
            default:
                // PH-NET PIN and the other personalisation locks of TS 22.022: the modem, not the SIM, is locked.
                throw new ModemOperationException(ModemFailure.Other,
                    $"{options.PortName}: the modem waits for a device lock code (+CPIN: {state}), not the SIM PIN: it is locked to a network or SIM; ask the seller or operator for the unlock code");
        }
    }

    /// <summary>+CPIN? with retries while the SIM is still starting ("NOT READY", +CME ERROR: 14 SIM busy); null when there is no usable SIM.</summary>
    private async Task<SimLockState?> ReadPinStateAsync(CancellationToken cancellationToken)
    {
        const string what = "reading the SIM state (AT+CPIN?)";
        for (var attempt = 0; ; attempt++)
        {
            var response = await SendAsync(AtCommand.Read("+CPIN"), what, cancellationToken).ConfigureAwait(false);
            var busy = response.Final is { Kind: AtFinalResultKind.CmeError, Code: CmeErrors.SimBusy };
            SimLockState? state = null;
            if (response.IsOk)
            {
                state = Parse(response, what, SimParsers.ParsePinState);
                busy = state == SimLockState.NotReady;
            }
            else if (response.Final is { Kind: AtFinalResultKind.CmeError, Code: CmeErrors.SimNotInserted or CmeErrors.SimFailure })
            {
                return null;
            }
            else if (response.Final is { Kind: AtFinalResultKind.CmeError, Code: CmeErrors.SimPinRequired or CmeErrors.SimPukRequired } locked)
            {
                // Some firmware answers the read itself with the error instead of "+CPIN: SIM PIN".
                return locked.Code == CmeErrors.SimPinRequired ? SimLockState.SimPin : SimLockState.SimPuk;
            }
            else if (!busy)
            {
                throw AtFailures.FromFinal(options.PortName, what, response.Final);
            }
            if (!busy)
            {
                return state;
            }
            if (attempt >= options.SimNotReadyRetries)
            {
                throw new ModemOperationException(ModemFailure.Other,
                    $"{options.PortName}: the SIM is still not ready after {attempt + 1} tries of AT+CPIN? ({response.Final}); reseat the SIM, or replug the modem");
            }
            await Task.Delay(options.SimNotReadyDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The ICCID commands in turn: the vendor's (SIMCom AT+CICCID, Quectel AT+QCCID, Huawei AT^ICCID?),
    /// then AT+CCID and AT+ICCID, which firmwares answer variously; an ERROR means "not this one".
    /// Null when none answers (the ICCID only selects profiles).
    /// </summary>
    private async Task<string?> ReadIccidAsync(CancellationToken cancellationToken)
    {
        AtCommand? vendor = options.DataCall switch
        {
            AtDataCallDialect.SimcomQcrmcall => AtCommand.Execute("+CICCID"),
            AtDataCallDialect.QuectelQnetdevctl => AtCommand.Execute("+QCCID"),
            AtDataCallDialect.HuaweiNdisdup => AtCommand.Read("^ICCID"),
            _ => null,
        };
        AtCommand[] candidates = vendor is null ? [AtCommand.Execute("+CCID"), AtCommand.Execute("+ICCID")] : [vendor, AtCommand.Execute("+CCID"), AtCommand.Execute("+ICCID")];
        foreach (var command in candidates)
        {
            var what = $"reading the ICCID ({command.Text})";
            var response = await SendAsync(command, what, cancellationToken).ConfigureAwait(false);
            if (response.IsOk)
            {
                return Parse(response, what, IdentityParsers.ParseIccid);
            }
        }
        return null;
    }

    /// <summary>
    /// PIN/PUK tries left: the vendor's counter (SIMCom AT+SPIC, SIM7500/SIM7600 manual V1.12 §4.6;
    /// Quectel AT+QPINC?; Huawei AT^CPIN?) else 3GPP AT+CPINR (TS 27.007 §8.65). Null when the
    /// firmware has none of them: the lifecycle then says "tries left unknown".
    /// </summary>
    private async Task<PinRetryCounts?> ReadPinCountersAsync(CancellationToken cancellationToken)
    {
        (AtCommand Command, Func<IReadOnlyList<string>, PinRetryCounts> Parse)? vendor = options.DataCall switch
        {
            AtDataCallDialect.SimcomQcrmcall => (AtCommand.Execute("+SPIC"), SimParsers.ParseSimcomSpic),
            AtDataCallDialect.QuectelQnetdevctl => (AtCommand.Read("+QPINC"), SimParsers.ParseQuectelQpinc),
            AtDataCallDialect.HuaweiNdisdup => (AtCommand.Read("^CPIN"), SimParsers.ParseHuaweiCpin),
            _ => null,
        };
        if (vendor is { } counter)
        {
            var what = $"reading the PIN tries left ({counter.Command.Text})";
            var response = await SendAsync(counter.Command, what, cancellationToken).ConfigureAwait(false);
            if (response.IsOk)
            {
                return Parse(response, what, counter.Parse);
            }
        }
        var standard = await SendAsync(AtCommand.Execute("+CPINR"), "reading the PIN tries left (AT+CPINR)", cancellationToken).ConfigureAwait(false);
        return standard.IsOk ? Parse(standard, "reading the PIN tries left (AT+CPINR)", SimParsers.ParseCpinr) : null;
    }

    /// <summary>
    /// AT+CPIN="&lt;pin&gt;" (TS 27.007 §8.3). The PIN goes through <see cref="AtArgument.Pin"/>: anything
    /// but 4-8 digits is refused before it reaches the port and costs no try. A wrong PIN is
    /// +CME ERROR: 16 and costs exactly one try; the message carries the tries left.
    /// </summary>
    public async Task UnlockAsync(string pin, CancellationToken cancellationToken)
    {
        const string what = "sending the SIM PIN (AT+CPIN)";
        AtCommand command;
        try
        {
            command = AtCommand.Set("+CPIN", AtArgument.Pin(pin));
        }
        catch (AtCommandRejectedException rejected)
        {
            throw new ModemOperationException(ModemFailure.IncorrectPin, $"{options.PortName}: the PIN was not sent: {rejected.Message}", rejected);
        }
        var response = await SendAsync(command, what, cancellationToken).ConfigureAwait(false);
        if (response.IsOk)
        {
            return;
        }
        var failure = AtFailures.FromFinal(options.PortName, what, response.Final);
        if (failure.Failure != ModemFailure.IncorrectPin)
        {
            throw failure;
        }
        var counts = await ReadPinCountersAsync(cancellationToken).ConfigureAwait(false);
        var left = counts?.Pin1 is { } n ? $"{n} tries left" : "tries left unknown";
        throw new ModemOperationException(ModemFailure.IncorrectPin,
            $"{options.PortName}: the SIM refused the PIN ({response.Final}, {left}); correct the PIN in the profile before trying again");
    }
}
