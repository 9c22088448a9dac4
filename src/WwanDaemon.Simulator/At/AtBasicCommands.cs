using WwanDaemon.At.Lines;
using static WwanDaemon.Simulator.At.AtRequestKind;

namespace WwanDaemon.Simulator.At;

/// <summary>V.250 basics (AT, ATE, ATV, ATQ, ATZ, AT&amp;F) and +CMEE (TS 27.007 §9.1).</summary>
internal static class AtBasicCommands
{
    public static void AddTo(AtCommandTable table) => table
        .Add("", (_, _) => AtReply.Ok(), Execute)
        .Add("E", (c, r) => Flag(r, on => c.Session.Echo = on), Execute, Set)
        // Only verbose, non-quiet results are simulated: ATV1 and ATQ0 are accepted, ATV0/ATQ1 are not.
        .Add("V", (_, r) => r.Number(0, 0) == 1 ? AtReply.Ok() : AtReply.Cme(CmeErrors.OperationNotSupported), Execute, Set)
        .Add("Q", (_, r) => r.Number(0, 0) == 0 ? AtReply.Ok() : AtReply.Cme(CmeErrors.OperationNotSupported), Execute, Set)
        .Add("Z", (c, _) => Restore(c), Execute, Set)
        .Add("&F", (c, _) => Restore(c), Execute, Set)
        .Add("+CMEE", (c, r) => r.Number(0, 0) is { } mode and <= 2 ? Apply(() => c.Session.ErrorMode = mode) : AtReply.Cme(CmeErrors.OperationNotSupported), Set)
        .Add("+CMEE", (c, _) => AtReply.Ok($"+CMEE: {c.Session.ErrorMode}"), Read)
        .Add("+CMEE", (_, _) => AtReply.Ok("+CMEE: (0-2)"), Test);

    /// <summary>ATE / ATE0 / ATE1: a missing number means 0 (V.250 §5.3.1).</summary>
    private static AtReply Flag(AtRequest request, Action<bool> set) => request.Number(0, 0) switch
    {
        0 => Apply(() => set(false)),
        1 => Apply(() => set(true)),
        _ => AtReply.Error,
    };

    private static AtReply Restore(AtContext context)
    {
        context.Session.Restore();
        return AtReply.Ok();
    }

    internal static AtReply Apply(Action change)
    {
        change();
        return AtReply.Ok();
    }
}
