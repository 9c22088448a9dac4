namespace WwanDaemon.BusApi;

/// <summary>Bus names, object paths and interface names (ModemManager's from ModemManager-names.h, 1.20; ours under org.wwandaemon).</summary>
public static class BusNames
{
    public const string ModemManager = "org.freedesktop.ModemManager1";
    public const string Own = "org.wwandaemon.WwanDaemon1";

    public const string ManagerPath = "/org/freedesktop/ModemManager1";
    public const string ModemPathPrefix = ManagerPath + "/Modem/";
    public const string SimPathPrefix = ManagerPath + "/SIM/";
    public const string BearerPathPrefix = ManagerPath + "/Bearer/";
    public const string NoObject = "/";

    public const string ModemInterface = "org.freedesktop.ModemManager1.Modem";
    public const string Modem3gppInterface = "org.freedesktop.ModemManager1.Modem.Modem3gpp";
    public const string SimpleInterface = "org.freedesktop.ModemManager1.Modem.Simple";
    public const string SignalInterface = "org.freedesktop.ModemManager1.Modem.Signal";
    public const string BearerInterface = "org.freedesktop.ModemManager1.Bearer";
    public const string SimInterface = "org.freedesktop.ModemManager1.Sim";

    public const string OwnManagerInterface = Own;
    public const string OwnModemInterface = Own + ".Modem";
}
