using WwanDaemon.Modem.ConnectionProfiles;

namespace WwanDaemon.Modem.Backends;

/// <summary>
/// One modem's control protocol (QMI, MBIM or AT) behind the operations the state machine needs.
/// Failures are <see cref="ModemOperationException"/>s carrying a reason for a person; an
/// unplugged port surfaces as <see cref="PortLost"/> on <see cref="EventsAsync"/> and as exceptions.
/// </summary>
public interface IModemBackend : IAsyncDisposable
{
    /// <summary>"qmi", "mbim" or "at".</summary>
    string Protocol { get; }

    /// <summary>The control port ("/dev/cdc-wdm0").</summary>
    string ControlPort { get; }

    Task<ModemIdentity> ReadIdentityAsync(CancellationToken cancellationToken);

    Task<SimStatus> ReadSimAsync(CancellationToken cancellationToken);

    /// <summary>Sends the PIN; a wrong PIN throws <see cref="ModemOperationException"/> with <see cref="ModemFailure.IncorrectPin"/> and leaves the tries in the message.</summary>
    Task UnlockAsync(string pin, CancellationToken cancellationToken);

    /// <summary>Turns the radio on (including the FCC unlock where the modem needs it).</summary>
    Task EnableAsync(CancellationToken cancellationToken);

    Task DisableAsync(CancellationToken cancellationToken);

    Task<NetworkStatus> ReadNetworkAsync(CancellationToken cancellationToken);

    /// <summary>Starts the data session and returns the network's IP settings.</summary>
    Task<SessionSettings> ConnectAsync(ConnectionProfile profile, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the data session this backend started is still up, asked of the modem (QMI WDS Get
    /// Packet Service Status, MBIM Connect query, the AT dialect's check command). Catches a session
    /// the network ended without an indication.
    /// </summary>
    Task<bool> IsSessionUpAsync(CancellationToken cancellationToken);

    /// <summary>Ends the data session; no error when none is up.</summary>
    Task DisconnectAsync(CancellationToken cancellationToken);

    /// <summary>Indications/URCs turned into events, until the port closes or the token fires.</summary>
    IAsyncEnumerable<BackendEvent> EventsAsync(CancellationToken cancellationToken);
}
