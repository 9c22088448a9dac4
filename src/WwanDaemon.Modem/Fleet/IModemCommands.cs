using WwanDaemon.Modem.ConnectionProfiles;

namespace WwanDaemon.Modem.Fleet;

/// <summary>
/// What a person or a client (D-Bus, wwanctl) may ask of a modem. Each call completes when the
/// modem got there (connected, disconnected, enabled, unlocked) or fails with a
/// <see cref="ModemCommandException"/> naming the modem and what to do; a failed command leaves the
/// modem as it was.
/// </summary>
public interface IModemCommands
{
    /// <summary>Connects with <paramref name="request"/> (instead of the stored profile's settings); returns once connected, with the IP settings in the snapshot.</summary>
    Task ConnectAsync(string modemId, ConnectRequest request, CancellationToken cancellationToken);

    /// <summary>Ends the data session and stays disconnected (no auto-reconnect) until the next Connect or replug. No error when not connected.</summary>
    Task DisconnectAsync(string modemId, CancellationToken cancellationToken);

    /// <summary>Turns the radio on (registers, and auto-connects if the profile says so) or off (disconnects first).</summary>
    Task SetEnabledAsync(string modemId, bool enabled, CancellationToken cancellationToken);

    /// <summary>Sends the SIM PIN of a <see cref="ModemState.Locked"/> modem; a wrong one fails with <see cref="ModemCommandError.IncorrectPin"/> and costs one try.</summary>
    Task SendPinAsync(string modemId, string pin, CancellationToken cancellationToken);

    /// <summary>Closes and reopens the modem's control port and walks its lifecycle again (the session ends).</summary>
    Task ResetAsync(string modemId, CancellationToken cancellationToken);
}

/// <summary>Connection settings from a client (ModemManager's Simple.Connect keys), already validated.</summary>
/// <param name="Apn">The APN (TS 23.003 §9.1 characters).</param>
/// <param name="IpType">The IP family asked for.</param>
/// <param name="Authentication">none, pap or chap.</param>
/// <param name="User">APN user, or null.</param>
/// <param name="Password">APN password, or null.</param>
/// <param name="AllowRoaming">Whether connecting while roaming is allowed.</param>
/// <param name="Pin">A SIM PIN to send first if the SIM is locked, or null.</param>
/// <param name="OperatorId">MCC+MNC to register with, or null for automatic (accepted, registration stays automatic).</param>
public sealed record ConnectRequest(
    string Apn,
    IpFamily IpType = IpFamily.Ipv4,
    ApnAuthentication Authentication = ApnAuthentication.None,
    string? User = null,
    string? Password = null,
    bool AllowRoaming = true,
    string? Pin = null,
    string? OperatorId = null);

/// <summary>Why a command failed, in the terms ModemManager's errors use (the D-Bus layer maps each to an error name).</summary>
public enum ModemCommandError
{
    /// <summary>No modem with that id (unplugged meanwhile).</summary>
    UnknownModem,

    /// <summary>The modem is not in a state where this can be done (still initializing, failed, disabled for a connect).</summary>
    WrongState,

    /// <summary>The SIM refused the PIN.</summary>
    IncorrectPin,

    /// <summary>The SIM wants its PIN first.</summary>
    SimPinRequired,

    /// <summary>The SIM wants its PUK.</summary>
    SimPukRequired,

    /// <summary>No SIM card.</summary>
    SimMissing,

    /// <summary>A value cannot be used (the message says which and why); nothing was sent.</summary>
    InvalidArguments,

    /// <summary>The network refused the data session or it could not be set up.</summary>
    ConnectFailed,

    /// <summary>Not registered on a network (or roaming and roaming not allowed).</summary>
    NoNetwork,

    /// <summary>The modem did not get there in time.</summary>
    Timeout,

    /// <summary>Another command or the modem's own walk superseded this one.</summary>
    Cancelled,

    /// <summary>Anything else: the message says what.</summary>
    Failed,
}

/// <summary>A command could not be carried out; <see cref="Exception.Message"/> names the modem and what to do.</summary>
public sealed class ModemCommandException(ModemCommandError error, string message, Exception? inner = null) : Exception(message, inner)
{
    public ModemCommandError Error { get; } = error;
}
