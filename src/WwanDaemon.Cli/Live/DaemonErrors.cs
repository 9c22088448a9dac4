using System.Text.RegularExpressions;
using WwanDaemon.Cli.Commands;
using WwanDaemon.DBus.Client;

namespace WwanDaemon.Cli.Live;

/// <summary>A D-Bus failure as a person reads it, with the exit status that goes with it.</summary>
public sealed record CliError(int ExitCode, string Message);

/// <summary>Maps D-Bus error names (ModemManager's and the bus's) to messages and exit statuses.</summary>
public static partial class DaemonErrors
{
    private const string MobileEquipment = "org.freedesktop.ModemManager1.Error.MobileEquipment.";

    /// <param name="failure">The failed call or connection.</param>
    /// <param name="bus">"the system bus" or the --bus address, for the messages.</param>
    /// <param name="pinRetries">Tries left for the SIM PIN, when known (read after a wrong PIN).</param>
    public static CliError Map(DBusException failure, string bus, uint? pinRetries = null)
    {
        var message = DaemonMessage(failure);
        return failure.ErrorName switch
        {
            null => new CliError(ExitCodes.Unavailable, message.StartsWith("D-Bus: ", StringComparison.Ordinal) ? message["D-Bus: ".Length..] : message),
            "org.freedesktop.DBus.Error.ServiceUnknown" or "org.freedesktop.DBus.Error.NameHasNoOwner" =>
                new CliError(ExitCodes.Unavailable, $"wwan-daemon is not running on {bus} (start it: systemctl start wwan-daemon)"),
            "org.freedesktop.ModemManager1.Error.Core.Unauthorized" or "org.freedesktop.DBus.Error.AccessDenied" =>
                new CliError(ExitCodes.NotAllowed, "not allowed: run as root or as a member of group netdev"),
            MobileEquipment + "IncorrectPassword" =>
                new CliError(ExitCodes.Failure, pinRetries is { } tries ? $"wrong PIN ({tries} {(tries == 1 ? "try" : "tries")} left)" : "wrong PIN"),
            MobileEquipment + "SimPuk" =>
                new CliError(ExitCodes.Failure, "the SIM is blocked and wants its PUK (no PIN tries left); unblock it with the PUK from the SIM's card"),
            MobileEquipment + "SimNotInserted" => new CliError(ExitCodes.Failure, "no SIM card in the modem"),
            MobileEquipment + "SimPin" => new CliError(ExitCodes.Failure, "the SIM is locked: send its PIN first (wwanctl pin)"),
            "org.freedesktop.DBus.Error.InvalidArgs" or "org.freedesktop.ModemManager1.Error.Core.InvalidArgs" =>
                new CliError(ExitCodes.Usage, message),
            "org.freedesktop.DBus.Error.NoReply" or "org.freedesktop.DBus.Error.Timeout" or "org.freedesktop.DBus.Error.TimedOut" =>
                new CliError(ExitCodes.Failure, $"wwan-daemon did not answer in time ({message})"),
            "org.freedesktop.DBus.Error.UnknownMethod" or "org.freedesktop.DBus.Error.UnknownInterface" or "org.freedesktop.DBus.Error.UnknownObject" =>
                new CliError(ExitCodes.Failure, $"wwan-daemon does not offer this ({message}); the modem may have gone, or the daemon is older than wwanctl"),
            _ => new CliError(ExitCodes.Failure, $"{message} ({ShortName(failure.ErrorName)})"),
        };
    }

    /// <summary>The daemon's own words: the call description BusConnection puts in front ("I.M on DEST PATH: ") removed.</summary>
    public static string DaemonMessage(DBusException failure) => CallPrefix().Replace(failure.Message, "", 1);

    private static string ShortName(string errorName) =>
        errorName.StartsWith("org.freedesktop.ModemManager1.Error.", StringComparison.Ordinal) ? errorName["org.freedesktop.ModemManager1.Error.".Length..] : errorName;

    [GeneratedRegex(@"^\S+ on \S+ /\S*: ")]
    private static partial Regex CallPrefix();
}
