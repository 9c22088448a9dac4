using WwanDaemon.At.Lines;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.At.AtRequestKind;

namespace WwanDaemon.Simulator.At;

/// <summary>
/// Identity: ATI, +CGMI/+GMI, +CGMM/+GMM, +CGMR/+GMR (TS 27.007 §5.1-5.3, V.250 §6.1), +CGSN/+GSN
/// (§5.4), +CIMI (§5.6) and the ICCID (+CCID, +ICCID). Values are the profile's and the SIM's.
/// </summary>
internal static class AtIdentityCommands
{
    public static void AddTo(AtCommandTable table)
    {
        AtHandler manufacturer = (c, _) => AtReply.Ok(c.Modem.Profile.Manufacturer);
        AtHandler model = (c, _) => AtReply.Ok(c.Modem.Profile.Model);
        AtHandler revision = (c, _) => AtReply.Ok(c.Modem.Profile.Revision);
        AtHandler serial = (c, _) => AtReply.Ok(c.Modem.Profile.Imei);
        table
            .Add("I", Information, Execute, Set)
            .Add("+CGMI", manufacturer, Execute).Add("+GMI", manufacturer, Execute)
            .Add("+CGMM", model, Execute).Add("+GMM", model, Execute)
            .Add("+CGMR", revision, Execute).Add("+GMR", revision, Execute)
            .Add("+CGSN", serial, Execute).Add("+GSN", serial, Execute)
            .Add("+GCAP", (_, _) => AtReply.Ok(Capabilities), Execute)
            .Add("+CIMI", (c, _) => SimRequired(c.Modem, unlocked: true) ?? AtReply.Ok(c.Modem.Sim.Imsi), Execute)
            .Add("+CCID", (c, _) => SimRequired(c.Modem, unlocked: false) ?? AtReply.Ok("+CCID: " + c.Modem.Sim.Iccid), Execute, Read)
            .Add("+ICCID", (c, _) => SimRequired(c.Modem, unlocked: false) ?? AtReply.Ok("+ICCID: " + c.Modem.Sim.Iccid), Execute, Read);
    }

    /// <summary>
    /// +GCAP (V.250 §6.1.9): the command sets the modem has, +CGSM for TS 27.007 GSM/UMTS/LTE
    /// commands, +DS (V.42bis) and +ES (error control) as dial-up capable ports list them.
    /// </summary>
    private const string Capabilities = "+GCAP: +CGSM,+DS,+ES";

    /// <summary>
    /// ATI in the layout SIMCom and Quectel firmware use (SIM7500/SIM7600 Series AT Command Manual, ATI):
    /// <code>
    ///   Manufacturer: SIMCOM INCORPORATED
    ///   Model: SIMCOM_SIM7600G-H
    ///   Revision: LE20B04SIM7600G22
    ///   IMEI: 86xxxxxxxxxxxxx
    ///   +GCAP: +CGSM,+DS,+ES            (the +GCAP answer)
    /// </code>
    /// </summary>
    private static AtReply Information(AtContext context, AtRequest request)
    {
        var profile = context.Modem.Profile;
        return AtReply.Ok($"Manufacturer: {profile.Manufacturer}", $"Model: {profile.Model}", $"Revision: {profile.Revision}", $"IMEI: {profile.Imei}", Capabilities);
    }

    /// <summary>
    /// The +CME error a command that needs the SIM gets while it is absent, locked or blocked (TS 27.007
    /// §9.2.1: 10 not inserted, 11 PIN required, 12 PUK required, 13 failure), or null when it may go on.
    /// <paramref name="unlocked"/>: the command needs the PIN entered (the IMSI does; the ICCID is
    /// readable from EF_ICCID before PIN verification, TS 102.221 §13.2).
    /// </summary>
    internal static AtReply? SimRequired(SimulatedModem modem, bool unlocked) => modem.Sim.State switch
    {
        SimState.Absent => AtReply.Cme(CmeErrors.SimNotInserted),
        SimState.Blocked => AtReply.Cme(CmeErrors.SimFailure),
        SimState.PinRequired when unlocked => AtReply.Cme(CmeErrors.SimPinRequired),
        SimState.PukRequired when unlocked => AtReply.Cme(CmeErrors.SimPukRequired),
        _ => null,
    };
}
