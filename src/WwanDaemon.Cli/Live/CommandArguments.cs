namespace WwanDaemon.Cli.Live;

/// <summary>
/// A live command's parsed arguments: options taking a value ("--apn internet" or "--apn=internet"),
/// flags ("--json"), and positional words, checked against what the command declares.
/// </summary>
public sealed record CommandArguments(IReadOnlyDictionary<string, string> Values, IReadOnlySet<string> Flags, IReadOnlyList<string> Positionals)
{
    /// <summary>Options every live command takes.</summary>
    public static readonly string[] CommonValues = ["--bus"];
    public static readonly string[] CommonFlags = ["--json", "--help", "-h"];

    public string? Bus => Values.GetValueOrDefault("--bus");

    /// <summary>The first positional word: the MODEM selector for most commands.</summary>
    public string? Modem => Positionals.Count > 0 ? Positionals[0] : null;

    public bool Json => Flags.Contains("--json");

    public bool Help => Flags.Contains("--help") || Flags.Contains("-h");

    public string? Value(string name) => Values.GetValueOrDefault(name);

    public bool Flag(string name) => Flags.Contains(name);

    /// <returns>The arguments, or null with <paramref name="problem"/> naming the bad one.</returns>
    public static CommandArguments? Parse(IReadOnlyList<string> args, IEnumerable<string> valueOptions, IEnumerable<string> flagOptions, int maxPositionals, out string? problem)
    {
        var takesValue = new HashSet<string>(CommonValues.Concat(valueOptions), StringComparer.Ordinal);
        var isFlag = new HashSet<string>(CommonFlags.Concat(flagOptions), StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var positionals = new List<string>();
        problem = null;
        for (var i = 0; i < args.Count; i++)
        {
            var argument = args[i];
            if (argument.StartsWith('-') && argument.Length > 1)
            {
                var equals = argument.IndexOf('=', StringComparison.Ordinal);
                var name = equals > 0 ? argument[..equals] : argument;
                if (takesValue.Contains(name))
                {
                    // "--apn --json" is a forgotten value, not an APN named "--json".
                    string? value = equals > 0 ? argument[(equals + 1)..] : i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
                    if (value is null)
                    {
                        problem = $"{name} needs a value.";
                        return null;
                    }
                    if (values.ContainsKey(name))
                    {
                        problem = $"{name} given twice.";
                        return null;
                    }
                    values[name] = value;
                    continue;
                }
                if (isFlag.Contains(name) && equals < 0)
                {
                    flags.Add(name);
                    continue;
                }
                problem = $"unknown option '{argument}'.";
                return null;
            }
            positionals.Add(argument);
        }
        if (positionals.Count > maxPositionals && !flags.Contains("--help") && !flags.Contains("-h"))
        {
            problem = maxPositionals == 0
                ? $"unexpected argument '{positionals[0]}'."
                : $"too many arguments: {string.Join(" ", positionals.Select(p => $"'{p}'"))}.";
            return null;
        }
        return new CommandArguments(values, flags, positionals);
    }
}
