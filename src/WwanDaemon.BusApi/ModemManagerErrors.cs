using WwanDaemon.DBus.Server;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.BusApi;

/// <summary>
/// ModemManager's D-Bus error names (ModemManager-errors.h, 1.20: the ".Core", ".MobileEquipment" and
/// ".Connection" prefixes and the nicks), which NetworkManager's retry logic keys on.
/// </summary>
public static class ModemManagerErrors
{
    private const string Prefix = "org.freedesktop.ModemManager1.Error.";

    public const string Failed = Prefix + "Core.Failed";
    public const string Cancelled = Prefix + "Core.Cancelled";
    public const string Unsupported = Prefix + "Core.Unsupported";
    public const string Unauthorized = Prefix + "Core.Unauthorized";
    public const string InvalidArgs = Prefix + "Core.InvalidArgs";
    public const string WrongState = Prefix + "Core.WrongState";
    public const string NotFound = Prefix + "Core.NotFound";
    public const string SimNotInserted = Prefix + "MobileEquipment.SimNotInserted";
    public const string SimPin = Prefix + "MobileEquipment.SimPin";
    public const string SimPuk = Prefix + "MobileEquipment.SimPuk";
    public const string IncorrectPassword = Prefix + "MobileEquipment.IncorrectPassword";
    public const string NoNetwork = Prefix + "MobileEquipment.NoNetwork";
    public const string NetworkTimeout = Prefix + "MobileEquipment.NetworkTimeout";
    public const string NoCarrier = Prefix + "Connection.NoCarrier";

    /// <summary>The error a failed modem command is answered with.</summary>
    public static string For(ModemCommandError error) => error switch
    {
        ModemCommandError.UnknownModem => NotFound,
        ModemCommandError.WrongState => WrongState,
        ModemCommandError.IncorrectPin => IncorrectPassword,
        ModemCommandError.SimPinRequired => SimPin,
        ModemCommandError.SimPukRequired => SimPuk,
        ModemCommandError.SimMissing => SimNotInserted,
        ModemCommandError.InvalidArguments => InvalidArgs,
        ModemCommandError.ConnectFailed => NoCarrier,
        ModemCommandError.NoNetwork => NoNetwork,
        ModemCommandError.Timeout => NetworkTimeout,
        ModemCommandError.Cancelled => Cancelled,
        _ => Failed,
    };

    /// <summary>A D-Bus error reply for a failed command, with the command's message.</summary>
    public static DBusErrorException From(ModemCommandException failure) => new(For(failure.Error), failure.Message);

    /// <summary>Core.Unsupported naming the member and why.</summary>
    public static DBusErrorException NotSupported(string member, string why) => new(Unsupported, $"{member} is not supported by wwan-daemon: {why}");
}
