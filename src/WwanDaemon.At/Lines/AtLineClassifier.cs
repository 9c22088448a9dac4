namespace WwanDaemon.At.Lines;

/// <summary>What a line means in the context of the command (if any) that is waiting for its answer.</summary>
public enum AtLineRole
{
    /// <summary>The modem repeating the command (ATE1).</summary>
    Echo,

    /// <summary>Part of the waiting command's answer.</summary>
    Response,

    /// <summary>The line that ends the waiting command.</summary>
    Final,

    /// <summary>An unsolicited result code, or anything said while no command waits.</summary>
    Unsolicited,
}

/// <summary>
/// Classifies lines against the command in flight. Pure: it keeps only whether the echo may still
/// come, so one instance follows one command.
/// </summary>
public static class AtLineClassifier
{
    /// <summary>
    /// The role of <paramref name="line"/> when <paramref name="command"/> (the text sent, without CR)
    /// waits, or null when nothing waits. <paramref name="echoPossible"/> is true until the first
    /// response line: an echo comes first or not at all.
    /// </summary>
    public static AtLineRole Classify(string line, string? command, bool echoPossible, out AtFinalResult? final)
    {
        final = null;
        if (command is null)
        {
            return AtLineRole.Unsolicited;
        }
        if (echoPossible && string.Equals(line.Trim(), command.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return AtLineRole.Echo;
        }
        if (AtFinalResult.TryParse(line, out var result))
        {
            final = result;
            return AtLineRole.Final;
        }
        if (AtUnsolicitedCodes.Match(line) is { } code && !string.Equals(code.ResponseOf, CommandName(command), StringComparison.OrdinalIgnoreCase))
        {
            return AtLineRole.Unsolicited;
        }
        return AtLineRole.Response;
    }

    /// <summary>"+CREG" for "AT+CREG?", "AT+CREG=2" and "at+creg"; "I" for "ATI"; "" for "AT".</summary>
    public static string CommandName(string command)
    {
        var text = command.Trim();
        if (text.StartsWith("AT", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..];
        }
        var end = text.IndexOfAny(['=', '?']);
        return (end < 0 ? text : text[..end]).Trim();
    }
}
