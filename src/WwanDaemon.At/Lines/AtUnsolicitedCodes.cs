namespace WwanDaemon.At.Lines;

/// <summary>A line prefix that marks an unsolicited result code, and where it is defined.</summary>
/// <param name="Prefix">The start of the line, e.g. "+CREG:" or "RING".</param>
/// <param name="Source">Where the URC is defined.</param>
public sealed record AtUnsolicitedCode(string Prefix, string Source)
{
    /// <summary>
    /// The command whose response lines share this prefix ("+CREG" for "+CREG:"), or null when the
    /// prefix is never a response (RING, ^RSSI).
    /// </summary>
    public string? ResponseOf { get; } = Prefix.EndsWith(':') ? Prefix[..^1] : null;
}

/// <summary>
/// The URC prefix table. Rule used to tell a URC from a response line: a line whose prefix is in the
/// table is a URC <b>unless</b> a command is waiting and the prefix names that command (after "AT",
/// before "=", "?" or the end): during "AT+CREG?" a "+CREG:" line is its response; during "AT+CSQ" it
/// is a URC. Lines outside any command are always unsolicited, whether or not they are in the table.
/// </summary>
public static class AtUnsolicitedCodes
{
    public static IReadOnlyList<AtUnsolicitedCode> Known { get; } =
    [
        new("+CREG:", "3GPP TS 27.007 §7.2 (circuit-switched registration, +CREG=1/2/3)"),
        new("+CGREG:", "3GPP TS 27.007 §10.1.20 (GPRS registration)"),
        new("+CEREG:", "3GPP TS 27.007 §10.1.22 (EPS registration)"),
        new("+C5GREG:", "3GPP TS 27.007 §10.1.42 (5GS registration)"),
        new("RING", "ITU-T V.250 §6.3.4 (incoming call)"),
        new("+CRING:", "3GPP TS 27.007 §6.11 (incoming call type, +CRC=1)"),
        new("+CLIP:", "3GPP TS 27.007 §7.6 (calling line identification)"),
        new("+CCWA:", "3GPP TS 27.007 §7.12 (call waiting)"),
        new("+CMTI:", "3GPP TS 27.005 §3.4.1 (new SMS stored)"),
        new("+CMT:", "3GPP TS 27.005 §3.4.1 (new SMS routed to the host)"),
        new("+CDSI:", "3GPP TS 27.005 §3.4.1 (status report stored)"),
        new("+CDS:", "3GPP TS 27.005 §3.4.1 (status report)"),
        new("+CBM:", "3GPP TS 27.005 §3.4.1 (cell broadcast)"),
        new("+CUSD:", "3GPP TS 27.007 §7.15 (USSD)"),
        new("+CIEV:", "3GPP TS 27.007 §8.10 (indicator event)"),
        new("+CGEV:", "3GPP TS 27.007 §10.1.19 (packet domain event)"),
        new("+CTZV:", "3GPP TS 27.007 §8.41 (time zone)"),
        new("+CTZE:", "3GPP TS 27.007 §8.41 (time zone and DST)"),
        new("+CSSI:", "3GPP TS 27.007 §7.17 (supplementary service, MO)"),
        new("+CSSU:", "3GPP TS 27.007 §7.17 (supplementary service, MT)"),
        new("^RSSI:", "Huawei MU709 AT Command Interface Specification §3 (signal strength)"),
        new("^HCSQ:", "Huawei ME909s AT Command Interface Specification (signal, per RAT)"),
        new("^MODE:", "Huawei (system mode change)"),
        new("^SYSSTART", "Huawei (module started)"),
        new("^NDISSTAT:", "Huawei ^NDISDUP connection state"),
        new("^SIMST:", "Huawei (SIM state)"),
        new("^BOOT:", "Huawei (boot heartbeat)"),
        new("+QIND:", "Quectel EC2x AT Commands Manual (+QINDCFG indications)"),
        new("+QUSIM:", "Quectel (USIM type)"),
        new("+QNETDEVSTATUS:", "Quectel (network device status)"),
        new("+CPIN:", "SIM state change reported unsolicited by Quectel, SIMCom and Telit firmware"),
        new("RDY", "Quectel/SIMCom (module ready after boot)"),
        new("PB DONE", "Quectel/SIMCom (phonebook loaded)"),
        new("SMS DONE", "SIMCom (SMS storage loaded)"),
        new("+CPSI:", "SIMCom SIM7500/SIM7600 AT Command Manual (system information, AT+CPSI=n)"),
        new("+CSQ:", "SIMCom SIM7500/SIM7600 AT Command Manual §4.9 (AT+AUTOCSQ=1,1 reports +CSQ on change)"),
        new("+SIMCARD:", "SIMCom (SIM card state)"),
        new("+CNETSTOP:", "SIMCom (network closed)"),
        new("$QCRMCALL:", "SIMCom/Qualcomm RmNet call state"),
        new("#QSS:", "Telit (SIM status, AT#QSS=1/2)"),
        new("+UUPSDA:", "u-blox (PDP action result)"),
        new("+UUPSDD:", "u-blox (PDP deactivated)"),
        new("+UUSIMSTAT:", "u-blox (SIM state)"),
    ];

    /// <summary>The table entry whose prefix starts <paramref name="line"/>, or null.</summary>
    public static AtUnsolicitedCode? Match(string line)
    {
        foreach (var code in Known)
        {
            if (line.StartsWith(code.Prefix, StringComparison.OrdinalIgnoreCase)
                && (code.Prefix.EndsWith(':') || line.Length == code.Prefix.Length || line[code.Prefix.Length] is ' ' or ':' or ','))
            {
                return code;
            }
        }
        return null;
    }
}
