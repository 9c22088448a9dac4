namespace WwanDaemon.Simulator.At;

/// <summary>How a command ends, before the +CMEE setting turns an error into its text.</summary>
public enum AtOutcome
{
    Ok,

    /// <summary>Plain ERROR, whatever +CMEE says (unknown commands on many firmwares, V.250 §5.7.1).</summary>
    Error,

    /// <summary>A TS 27.007 §9.2 error: "+CME ERROR: &lt;n&gt;" or its text per +CMEE, plain ERROR with +CMEE=0.</summary>
    CmeError,
}

/// <summary>
/// A command's answer: the information lines, how it ended and, for a command that changes the
/// device itself (a USB composition switch, a reboot), what happens once the final result is out.
/// </summary>
public sealed record AtReply(IReadOnlyList<string> Lines, AtOutcome Outcome, int CmeError = 0)
{
    public static AtReply Ok(params string[] lines) => new(lines, AtOutcome.Ok);

    public static AtReply Error { get; } = new([], AtOutcome.Error);

    /// <summary>"+CME ERROR: <paramref name="code"/>" (TS 27.007 §9.2.1/§9.2.2 numbers, see WwanDaemon.At.Lines.CmeErrors).</summary>
    public static AtReply Cme(int code) => new([], AtOutcome.CmeError, code);

    /// <summary>Runs after the final result has been written and flushed.</summary>
    public Action? After { get; init; }
}
