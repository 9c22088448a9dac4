namespace WwanDaemon.Simulator.At;

/// <summary>The four forms of an extended command (3GPP TS 27.007 §4.1), and the basic commands' one.</summary>
public enum AtRequestKind
{
    /// <summary><c>AT+CIMI</c>, <c>ATI</c>, the bare <c>AT</c>.</summary>
    Execute,

    /// <summary><c>AT+CREG?</c>.</summary>
    Read,

    /// <summary><c>AT+CGDCONT=?</c>.</summary>
    Test,

    /// <summary><c>AT+CGDCONT=1,"IP","internet"</c>, and basic commands with a value (<c>ATE0</c>).</summary>
    Set,
}

/// <summary>One argument as the host wrote it: its text without the quotes, and whether it had them.</summary>
public readonly record struct AtRequestArgument(string Text, bool Quoted);

/// <summary>
/// One command of a command line, as the device hears it. Names are upper-case ("+CGDCONT", "E",
/// "$QCRMCALL", "" for the bare "AT"); basic commands carry their number as the one argument
/// (<c>ATE0</c> is "E", Set, ["0"]).
/// </summary>
public sealed record AtRequest(string Name, AtRequestKind Kind, IReadOnlyList<AtRequestArgument> Arguments)
{
    /// <summary>The text of argument <paramref name="index"/>, or null when it was left out or empty.</summary>
    public string? Argument(int index) => index < Arguments.Count && Arguments[index].Text.Length > 0 ? Arguments[index].Text : null;

    /// <summary>Argument <paramref name="index"/> as a number, or <paramref name="absent"/> when left out; null when present but not a number.</summary>
    public int? Number(int index, int? absent = null)
    {
        var text = Argument(index);
        if (text is null)
        {
            return absent;
        }
        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;
    }

    public override string ToString() => Kind switch
    {
        AtRequestKind.Read => $"AT{Name}?",
        AtRequestKind.Test => $"AT{Name}=?",
        AtRequestKind.Set => $"AT{Name}={string.Join(',', Arguments.Select(a => a.Quoted ? $"\"{a.Text}\"" : a.Text))}",
        _ => "AT" + Name,
    };
}
