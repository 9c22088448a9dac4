using WwanDaemon.At;
using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;
using WwanDaemon.At.Lines;

namespace WwanDaemon.Modem.Backends;

/// <summary>
/// AT channel exceptions and +CME errors → <see cref="ModemOperationException"/>, each message naming
/// the port, what was being done and what a person can do about it. Pure.
/// </summary>
public static class AtFailures
{
    /// <summary>The translation of <paramref name="error"/>, or null for exceptions that must pass unchanged (cancellation, already translated).</summary>
    public static ModemOperationException? Translate(string port, string what, Exception error) => error switch
    {
        OperationCanceledException or ModemOperationException => null,
        AtTimeoutException => new ModemOperationException(ModemFailure.Timeout,
            $"{port}: no answer while {what}; the modem may be busy or hung: if this repeats, replug or reset it", error),
        AtPortGoneException or ObjectDisposedException or IOException => new ModemOperationException(ModemFailure.PortGone,
            $"{port}: the port went away while {what} ({error.Message}); the modem was unplugged, reset or re-enumerated: wait for it to come back", error),
        AtCommandFailedException failed => FromFinal(port, what, failed.Final, error),
        AtCommandRejectedException rejected => new ModemOperationException(ModemFailure.InvalidProfile,
            $"{port}: {what}: {rejected.Message}", error),
        AtProtocolException => new ModemOperationException(ModemFailure.Other,
            $"{port}: the modem's answer while {what} could not be read: {error.Message}; report this with the modem's model and firmware", error),
        _ => null,
    };

    /// <summary>A final result other than OK: SIM errors by their TS 27.007 §9.2.1 numbers, the rest as <see cref="ModemFailure.Other"/>.</summary>
    public static ModemOperationException FromFinal(string port, string what, AtFinalResult final, Exception? inner = null)
    {
        var (failure, fix) = final.Kind == AtFinalResultKind.CmeError ? final.Code switch
        {
            CmeErrors.IncorrectPassword => (ModemFailure.IncorrectPin, "the SIM refused the PIN: correct the PIN in the profile (each wrong PIN costs a try)"),
            CmeErrors.SimPinRequired => (ModemFailure.SimPinRequired, "the SIM wants its PIN: add it to the profile or send it with wwanctl pin"),
            CmeErrors.SimPukRequired => (ModemFailure.SimPukRequired, "the SIM is blocked and wants its PUK: unblock it with the PUK from the operator"),
            CmeErrors.SimNotInserted => (ModemFailure.SimMissing, "no SIM: insert a SIM and replug the modem"),
            CmeErrors.SimFailure => (ModemFailure.SimMissing, "the SIM failed: reseat or replace it"),
            _ => (ModemFailure.Other, "see the modem's error above"),
        } : (ModemFailure.Other, final.Kind == AtFinalResultKind.Error
            ? "the firmware answered a plain ERROR (the command may be unsupported on this firmware: check the data-call dialect chosen for this model)"
            : "see the modem's answer above");
        return new ModemOperationException(failure, $"{port}: {what} failed: {final}; {fix}", inner);
    }
}
