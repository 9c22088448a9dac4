namespace WwanDaemon.At.Lines;

/// <summary>What the line reader cut out of the byte stream.</summary>
public enum AtLineEventKind
{
    /// <summary>A complete line (its CR/LF terminator removed, never empty).</summary>
    Line,

    /// <summary>The "&gt; " prompt that asks for the body of +CMGS/+CMGW (3GPP TS 27.005 §3.5.1); it has no terminator.</summary>
    SmsPrompt,
}

/// <summary>One line or prompt received from the modem.</summary>
/// <param name="Kind">Line or prompt.</param>
/// <param name="Text">The line's text without terminator; "&gt; " for the prompt.</param>
public sealed record AtLineEvent(AtLineEventKind Kind, string Text)
{
    public static AtLineEvent Prompt { get; } = new(AtLineEventKind.SmsPrompt, "> ");

    public override string ToString() => Kind == AtLineEventKind.Line ? Text : "<prompt>";
}
