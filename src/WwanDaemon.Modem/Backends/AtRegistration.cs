using WwanDaemon.At.Parsers;

namespace WwanDaemon.Modem.Backends;

/// <summary>
/// Registration over the domains an AT modem reports separately (+CREG circuit switched, +CEREG EPS).
/// A data modem is registered when any domain is: an LTE-only network leaves +CREG at 0 while
/// +CEREG says home, so one domain's "not registered" must not end a session the other carries.
/// Keeps the latest status per domain; thread-safe (URCs and reads come from different tasks).
/// </summary>
public sealed class AtRegistration
{
    private readonly Lock gate = new();
    private readonly Dictionary<RegistrationDomain, RegistrationStatus> latest = [];

    /// <summary>Records <paramref name="report"/> and returns the registration over all domains seen.</summary>
    public Registration Update(RegistrationReport report)
    {
        lock (gate)
        {
            latest[report.Domain] = report.Status;
            return Combined(latest.Values);
        }
    }

    /// <summary>
    /// The answer to AT+CREG?/AT+CEREG? when a URC of the same prefix came during the command: the
    /// channel cannot tell them apart (AtUnsolicitedCodes: during "AT+CREG?" a "+CREG:" line is the
    /// response), so each line is tried in read form, and of those that read, the one carrying the
    /// &lt;n&gt; this backend set (2) wins. A URC rarely reads as the read form ("+CREG: 1,"00C3",..."
    /// does not); the one that does (a bare "&lt;stat&gt;,&lt;lac&gt;" of digits) loses to the real answer's &lt;n&gt;.
    /// </summary>
    public static RegistrationReport ParseReadAmongUnsolicited(IReadOnlyList<string> lines, int configuredMode)
    {
        var readable = new List<RegistrationReport>();
        WwanDaemon.At.AtProtocolException? first = null;
        foreach (var line in lines)
        {
            try
            {
                readable.Add(RegistrationParsers.ParseRead([line]));
            }
            catch (WwanDaemon.At.AtProtocolException error)
            {
                first ??= error;
            }
        }
        return readable.FirstOrDefault(report => report.Mode == configuredMode) ?? readable.FirstOrDefault()
            ?? throw first ?? new WwanDaemon.At.AtProtocolException("registration: the response is empty");
    }

    /// <summary>The best of <paramref name="statuses"/>: home, then roaming, then searching, denied, idle, unknown.</summary>
    public static Registration Combined(IEnumerable<RegistrationStatus> statuses)
    {
        var mapped = statuses.Select(From).ToArray();
        Registration[] order = [Registration.Home, Registration.Roaming, Registration.Searching, Registration.Denied, Registration.Idle];
        return order.FirstOrDefault(r => mapped.Contains(r), Registration.Unknown);
    }

    /// <summary>TS 27.007 &lt;stat&gt; → <see cref="Registration"/> (SMS-only and CSFB-not-preferred count as registered).</summary>
    public static Registration From(RegistrationStatus status) => status switch
    {
        RegistrationStatus.Home or RegistrationStatus.HomeSmsOnly or RegistrationStatus.HomeCsfbNotPreferred => Registration.Home,
        RegistrationStatus.Roaming or RegistrationStatus.RoamingSmsOnly or RegistrationStatus.RoamingCsfbNotPreferred => Registration.Roaming,
        RegistrationStatus.Searching => Registration.Searching,
        RegistrationStatus.Denied => Registration.Denied,
        RegistrationStatus.NotRegistered => Registration.Idle,
        _ => Registration.Unknown,
    };

    /// <summary>TS 27.007 §7.2 &lt;AcT&gt; → the access technology clients see (null → unknown).</summary>
    public static Fleet.AccessTechnology Technology(AccessTechnology? technology) => technology switch
    {
        AccessTechnology.Gsm or AccessTechnology.GsmCompact or AccessTechnology.GsmEgprs or AccessTechnology.EcGsmIot => Fleet.AccessTechnology.Gsm,
        AccessTechnology.Utran or AccessTechnology.UtranHsdpa or AccessTechnology.UtranHsupa or AccessTechnology.UtranHsdpaHsupa => Fleet.AccessTechnology.Umts,
        AccessTechnology.Eutran or AccessTechnology.EutranNbIot or AccessTechnology.EutraConnectedTo5gcn => Fleet.AccessTechnology.Lte,
        AccessTechnology.NrConnectedTo5gcn or AccessTechnology.NgRan or AccessTechnology.EutraNrDualConnectivity => Fleet.AccessTechnology.Nr5g,
        _ => Fleet.AccessTechnology.Unknown,
    };

    /// <summary>ModemManager's +CSQ percentage: &lt;rssi&gt; 0-31 → 0-100 %, 99 (unknown) and TD-SCDMA values → null.</summary>
    public static int? SignalPercent(WwanDaemon.At.Parsers.SignalQuality signal) => signal.Rssi is >= 0 and <= 31 ? signal.Rssi * 100 / 31 : null;
}
