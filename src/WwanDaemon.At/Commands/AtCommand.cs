namespace WwanDaemon.At.Commands;

/// <summary>
/// One AT command line, built only from checked parts (ITU-T V.250 §5.3, TS 27.007 §4.1):
/// <code>
///   AT+CGDCONT=1,"IP","internet"   Set        AtCommand.Set("+CGDCONT", ...)
///   AT+CREG?                       Read       AtCommand.Read("+CREG")
///   AT+CGDCONT=?                   Test       AtCommand.Test("+CGDCONT")
///   AT+CIMI                        Execute    AtCommand.Execute("+CIMI")
///   ATE0, ATI                      basic      AtCommand.Execute("E0")
/// </code>
/// The text never contains CR, LF or ';' (one command per line, no chaining); the channel adds the CR.
/// </summary>
public sealed record AtCommand
{
    private AtCommand(string name, string text, TimeSpan? timeout)
    {
        Name = name;
        Text = text;
        Timeout = timeout;
    }

    /// <summary>"+CGDCONT", "E0", "$QCRMCALL": what response lines of this command are prefixed with (plus ':').</summary>
    public string Name { get; }

    /// <summary>The whole line without its terminating CR, e.g. <c>AT+CGDCONT=1,"IP","internet"</c>.</summary>
    public string Text { get; }

    /// <summary>This command's own timeout (network commands such as +COPS=? take minutes), or null for the channel's default.</summary>
    public TimeSpan? Timeout { get; }

    /// <summary>The bare "AT": does anyone answer?</summary>
    public static AtCommand Attention { get; } = new("", "AT", null);

    public static AtCommand Execute(string name, TimeSpan? timeout = null) => Build(name, "", timeout);

    public static AtCommand Read(string name, TimeSpan? timeout = null) => Build(name, "?", timeout);

    public static AtCommand Test(string name, TimeSpan? timeout = null) => Build(name, "=?", timeout);

    public static AtCommand Set(string name, params AtArgument[] arguments) => Set(name, null, arguments);

    public static AtCommand Set(string name, TimeSpan? timeout, params AtArgument[] arguments) =>
        Build(name, "=" + string.Join(',', arguments.Select(argument => argument.Text)), timeout);

    /// <summary>The same command with another timeout.</summary>
    public AtCommand WithTimeout(TimeSpan timeout) => new(Name, Text, timeout);

    private static AtCommand Build(string name, string suffix, TimeSpan? timeout)
    {
        AtInputValidator.CheckToken("command name", name);
        return new AtCommand(name, "AT" + name + suffix, timeout);
    }

    public override string ToString() => Text;
}
