using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Modem.Lifecycle;

/// <summary>
/// A command for a running <see cref="ModemLifecycle"/>, queued on its command channel and taken at
/// the next wait (idle registered, searching, connected, backoff, locked, disabled). <see cref="Done"/>
/// completes when the modem got there or fails with a <see cref="ModemCommandException"/>.
/// </summary>
internal abstract record LifecycleCommand
{
    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Complete() => Done.TrySetResult();

    public void Fail(ModemCommandError error, string message) => Done.TrySetException(new ModemCommandException(error, message));
}

/// <summary>Connect with these settings (<see cref="Profile"/> is the request made a validated profile).</summary>
internal sealed record ConnectCommand(ConnectRequest Request, ConnectionProfile Profile) : LifecycleCommand;

/// <summary>End the session and stay disconnected.</summary>
internal sealed record DisconnectCommand : LifecycleCommand;

/// <summary>Radio on or off.</summary>
internal sealed record SetEnabledCommand(bool Enabled) : LifecycleCommand;

/// <summary>The SIM PIN from a person.</summary>
internal sealed record SendPinCommand(string Pin) : LifecycleCommand;

/// <summary>Whether the modem should have a data session, and with what.</summary>
internal enum ConnectionIntent
{
    /// <summary>As the stored profile says (<see cref="ConnectionProfile.AutoConnect"/>); the state after boot and replug.</summary>
    Auto,

    /// <summary>With the settings of an explicit Connect, until Disconnect.</summary>
    Requested,

    /// <summary>Not at all: the user disconnected (until the next Connect or replug).</summary>
    Off,
}

/// <summary>ConnectRequest ↔ ConnectionProfile, and ModemFailure → ModemCommandError. Pure.</summary>
public static class ModemCommandMapping
{
    /// <summary>The name given to the profile an explicit Connect makes.</summary>
    public const string RequestProfileName = "connect-request";

    /// <summary>The profile <paramref name="request"/> connects with, or the problems that stop it (each naming the field).</summary>
    public static (ConnectionProfile? Profile, IReadOnlyList<string> Problems) ToProfile(ConnectRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var profile = new ConnectionProfile
        {
            Name = RequestProfileName,
            Apn = request.Apn,
            IpType = request.IpType,
            Authentication = request.Authentication,
            User = request.User,
            Password = request.Password,
            Pin = request.Pin,
            AllowRoaming = request.AllowRoaming,
            AutoConnect = false,
        };
        var problems = ProfileValidation.Problems(profile).ToList();
        if (request.OperatorId is { } id && (id.Length is not (5 or 6) || !id.All(char.IsAsciiDigit)))
        {
            problems.Add("operator-id: MCC+MNC, 5 or 6 digits");
        }
        return problems.Count == 0 ? (profile, problems) : (null, problems);
    }

    /// <summary>The settings <paramref name="profile"/> connects with, as the snapshot shows them (never the PIN).</summary>
    public static ConnectRequest ToRequest(ConnectionProfile profile) =>
        new(profile.Apn, profile.IpType, profile.Authentication, profile.User, profile.Password, profile.AllowRoaming);

    /// <summary>The command error for a backend failure.</summary>
    public static ModemCommandError ToError(ModemFailure failure) => failure switch
    {
        ModemFailure.IncorrectPin => ModemCommandError.IncorrectPin,
        ModemFailure.SimPinRequired => ModemCommandError.SimPinRequired,
        ModemFailure.SimPukRequired => ModemCommandError.SimPukRequired,
        ModemFailure.SimMissing => ModemCommandError.SimMissing,
        ModemFailure.ConnectRefused => ModemCommandError.ConnectFailed,
        ModemFailure.Timeout => ModemCommandError.Timeout,
        ModemFailure.InvalidProfile => ModemCommandError.InvalidArguments,
        _ => ModemCommandError.Failed, // PortGone, ModemRestarted, RadioLocked, Other: the message says what
    };

    /// <summary>The command error for a SIM that is locked (a command needing an unlocked SIM).</summary>
    public static ModemCommandError ForLockedSim(SimLock simLock) => simLock switch
    {
        SimLock.PinRequired => ModemCommandError.SimPinRequired,
        SimLock.PukRequired => ModemCommandError.SimPukRequired,
        SimLock.Absent => ModemCommandError.SimMissing,
        _ => ModemCommandError.Failed,
    };
}
