using WwanDaemon.At.Lines;
using WwanDaemon.Simulator.Modem;
using static WwanDaemon.Simulator.At.AtRequestKind;

namespace WwanDaemon.Simulator.At;

/// <summary>+CPIN (TS 27.007 §8.3) and +CPINR (§8.65) on the shared SIM: PIN and PUK cost retries as on a real card.</summary>
internal static class AtSimCommands
{
    public static void AddTo(AtCommandTable table) => table
        .Add("+CPIN", ReadPin, Read)
        .Add("+CPIN", EnterPin, Set)
        .Add("+CPIN", (_, _) => AtReply.Ok(), Test)
        // TS 27.007 writes AT+CPINR[=<sel_code>]; some hosts send the read form, which firmware also accepts.
        .Add("+CPINR", RetryCounters, Execute, Set, Read)
        .Add("+CPINR", (_, _) => AtReply.Ok(), Test);

    private static AtReply ReadPin(AtContext context, AtRequest request) => context.Modem.Sim.State switch
    {
        SimState.Ready => AtReply.Ok("+CPIN: READY"),
        SimState.PinRequired => AtReply.Ok("+CPIN: SIM PIN"),
        SimState.PukRequired => AtReply.Ok("+CPIN: SIM PUK"),
        SimState.Absent => AtReply.Cme(CmeErrors.SimNotInserted),
        _ => AtReply.Cme(CmeErrors.SimFailure),
    };

    /// <summary>
    /// AT+CPIN=&lt;pin&gt; while the PIN is asked for; AT+CPIN=&lt;puk&gt;,&lt;newpin&gt; while the PUK is.
    /// A wrong secret is +CME ERROR: 16 (incorrect password) and costs a retry (the model counts).
    /// </summary>
    private static AtReply EnterPin(AtContext context, AtRequest request)
    {
        var modem = context.Modem;
        var secret = request.Argument(0);
        if (secret is null)
        {
            return AtReply.Cme(CmeErrors.OperationNotAllowed);
        }
        switch (modem.Sim.State)
        {
            case SimState.PinRequired:
                return modem.VerifyPin(secret) is null ? AtReply.Ok() : AtReply.Cme(CmeErrors.IncorrectPassword);
            case SimState.PukRequired:
                if (request.Argument(1) is not { } newPin)
                {
                    return AtReply.Cme(CmeErrors.SimPukRequired);
                }
                return modem.UnblockPin(secret, newPin) is null ? AtReply.Ok() : AtReply.Cme(CmeErrors.IncorrectPassword);
            case SimState.Absent:
                return AtReply.Cme(CmeErrors.SimNotInserted);
            case SimState.Blocked:
                return AtReply.Cme(CmeErrors.SimFailure);
            default:
                return AtReply.Cme(CmeErrors.OperationNotAllowed);
        }
    }

    /// <summary>"+CPINR: SIM PIN,&lt;retries&gt;,&lt;default&gt;" and the same for SIM PUK (PIN2/PUK2 are not simulated).</summary>
    private static AtReply RetryCounters(AtContext context, AtRequest request)
    {
        var sim = context.Modem.Sim;
        if (sim.State == SimState.Absent)
        {
            return AtReply.Cme(CmeErrors.SimNotInserted);
        }
        return AtReply.Ok($"+CPINR: SIM PIN,{sim.PinRetries},{SimCard.DefaultPinRetries}", $"+CPINR: SIM PUK,{sim.PukRetries},{SimCard.DefaultPukRetries}");
    }
}
