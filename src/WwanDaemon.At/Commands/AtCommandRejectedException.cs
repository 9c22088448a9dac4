namespace WwanDaemon.At.Commands;

/// <summary>
/// Input that would change the meaning of an AT command (end it, chain another, break out of its
/// quotes) was refused; nothing was sent. Names the field and the character, never the whole value
/// (it may be a PIN or a password).
/// </summary>
public sealed class AtCommandRejectedException : ArgumentException
{
    public AtCommandRejectedException(string field, string reason, char? character, int? position)
        : base(Describe(field, reason, character, position), field)
    {
        Field = field;
        Character = character;
        Position = position;
    }

    public AtCommandRejectedException()
    {
        Field = "";
    }

    public AtCommandRejectedException(string message)
        : base(message)
    {
        Field = "";
    }

    public AtCommandRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Field = "";
    }

    /// <summary>"APN", "PIN", "operator id", ...</summary>
    public string Field { get; }

    /// <summary>The refused character, when one character is the problem.</summary>
    public char? Character { get; }

    /// <summary>Its zero-based position in the value.</summary>
    public int? Position { get; }

    private static string Describe(string field, string reason, char? character, int? position)
    {
        var what = character is { } c ? $"{Name(c)} at position {position}" : "the value";
        return $"{field}: {what} refused: {reason}. The command was not sent; correct the {field} setting.";
    }

    /// <summary>Printable characters are shown quoted; control characters by their code, so the message itself stays one safe line.</summary>
    internal static string Name(char c) => c switch
    {
        '\r' => "carriage return (U+000D)",
        '\n' => "line feed (U+000A)",
        '\u001a' => "Ctrl-Z (U+001A)",
        '\u001b' => "escape (U+001B)",
        _ when char.IsControl(c) || c > '\u007e' => $"character U+{(int)c:X4}",
        _ => $"character '{c}' (U+{(int)c:X4})",
    };
}
