namespace WwanDaemon.Modem.Backends;

/// <summary>Why an operation on a modem failed, in the terms the state machine and ModemManager clients use.</summary>
public enum ModemFailure
{
    /// <summary>Anything not listed: the message says what.</summary>
    Other,

    /// <summary>The port went away or stopped answering.</summary>
    PortGone,

    /// <summary>The modem did not answer in time.</summary>
    Timeout,

    /// <summary>The SIM refused the PIN.</summary>
    IncorrectPin,

    /// <summary>The SIM wants its PIN and the profile has none.</summary>
    SimPinRequired,

    /// <summary>The SIM wants its PUK.</summary>
    SimPukRequired,

    /// <summary>No SIM.</summary>
    SimMissing,

    /// <summary>The radio refused to turn on (FCC lock, hardware switch).</summary>
    RadioLocked,

    /// <summary>The network refused the data session (wrong APN, no subscription).</summary>
    ConnectRefused,

    /// <summary>
    /// A profile value (APN, user, password, PIN) cannot be sent to the modem as it is (it would
    /// change the command, or is too long); nothing was sent. Retrying cannot help: fix the profile.
    /// </summary>
    InvalidProfile,

    /// <summary>
    /// The modem restarted under the daemon and forgot it (QMI: the client ids are gone; MBIM: the
    /// function is closed): nothing on this connection can work until it is opened again.
    /// </summary>
    ModemRestarted,
}

/// <summary>An operation on a modem failed; <see cref="Exception.Message"/> names the port and what to do.</summary>
public sealed class ModemOperationException(ModemFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public ModemFailure Failure { get; } = failure;
}
