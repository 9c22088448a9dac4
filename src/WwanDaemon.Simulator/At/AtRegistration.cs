using System.Globalization;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.At;

/// <summary>
/// The registration lines, read and unsolicited (TS 27.007 §7.2 +CREG, §10.1.20 +CGREG, §10.1.22 +CEREG):
/// <code>
///   read, n=0/1:   +CEREG: &lt;n&gt;,&lt;stat&gt;
///   read, n=2:     +CEREG: 2,&lt;stat&gt;,"&lt;tac&gt;","&lt;ci&gt;",7        (location only while registered)
///   URC,  n=1:     +CEREG: &lt;stat&gt;
///   URC,  n=2:     +CEREG: &lt;stat&gt;,"&lt;tac&gt;","&lt;ci&gt;",7
/// </code>
/// LAC/TAC are 2 bytes and the cell id 28 bits (LTE), both in hexadecimal as the spec writes them.
/// </summary>
internal static class AtRegistration
{
    /// <summary>&lt;stat&gt;: 0 not registered, 1 home, 2 searching, 3 denied, 5 roaming.</summary>
    public static int Status(SimulatedModem modem) => modem.Registration switch
    {
        RegistrationState.Home => 1,
        RegistrationState.Searching => 2,
        RegistrationState.Denied => 3,
        RegistrationState.Roaming => 5,
        _ => 0,
    };

    public static string ReadLine(string name, int mode, SimulatedModem modem) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}: {mode},{Status(modem)}{Location(mode, modem)}");

    public static string UnsolicitedLine(string name, int mode, SimulatedModem modem) =>
        string.Create(CultureInfo.InvariantCulture, $"{name}: {Status(modem)}{Location(mode, modem)}");

    private static string Location(int mode, SimulatedModem modem) =>
        mode == 2 && modem.Registration is RegistrationState.Home or RegistrationState.Roaming
            ? string.Create(CultureInfo.InvariantCulture, $",\"{modem.Profile.TrackingAreaCode:X4}\",\"{modem.Profile.CellId:X7}\",{AtNetworkCommands.Eutran}")
            : "";
}
