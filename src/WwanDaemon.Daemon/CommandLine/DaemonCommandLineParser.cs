using System.Globalization;
using WwanDaemon.Daemon.Configuration;
using WwanDaemon.Daemon.Fleet;

namespace WwanDaemon.Daemon.CommandLine;

/// <summary>
/// Parses the command line by hand: the options are few, and the configuration overrides
/// (--Policy=keep, --Reconnect:MaxSeconds 60) must be told apart from the daemon's own options,
/// which IConfiguration's command-line provider cannot do (it would read "--simulate --until" as a value).
/// </summary>
public static class DaemonCommandLineParser
{
    /// <exception cref="CommandLineException">An unknown option, a missing or bad value, or --until without --timeout.</exception>
    public static DaemonCommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new DaemonCommandLine();
        var overrides = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inlineValue) = Split(args[i]);
            string Value(string what) => inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new CommandLineException($"{name} needs {what}."));
            switch (name)
            {
                case "--help" or "-h":
                    return result with { Action = DaemonAction.Help };
                case "--version":
                    return result with { Action = DaemonAction.Version };
                case "--udev-rules":
                    result = result with { Action = DaemonAction.PrintUdevRules };
                    break;
                case "--config":
                    result = result with { ConfigFile = Value("a file name"), ConfigFileGiven = true };
                    break;
                case "--simulate":
                    var scenario = inlineValue ?? (i + 1 < args.Count && !args[i + 1].StartsWith('-') ? args[++i] : SimulationScenarios.Default);
                    if (!SimulationScenarios.IsKnown(scenario))
                    {
                        throw new CommandLineException($"unknown scenario '{scenario}'. Scenarios: {string.Join(", ", SimulationScenarios.Names)}.");
                    }
                    result = result with { SimulationScenario = scenario };
                    break;
                case "--until":
                    var state = Value("a modem state");
                    result = result with
                    {
                        UntilState = ModemStateNames.TryParse(state, out var parsed)
                            ? parsed
                            : throw new CommandLineException($"unknown state '{state}' after --until. States: {string.Join(", ", ModemStateNames.All)}."),
                    };
                    break;
                case "--timeout":
                    var seconds = Value("a number of seconds");
                    result = result with
                    {
                        UntilTimeout = double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 86400
                            ? TimeSpan.FromSeconds(value)
                            : throw new CommandLineException($"--timeout '{seconds}' is not a number of seconds from 0 to 86400."),
                    };
                    break;
                default:
                    var key = name.StartsWith("--", StringComparison.Ordinal) ? ConfigurationKeys.Find(name[2..]) : null;
                    if (key is null)
                    {
                        throw new CommandLineException($"unknown option '{args[i]}'. See wwan-daemon --help.");
                    }
                    overrides[key] = Value("a value");
                    break;
            }
        }
        if (result.UntilState is null != result.UntilTimeout is null)
        {
            throw new CommandLineException("--until STATE and --timeout SECONDS go together: give both or neither.");
        }
        return result with { ConfigurationOverrides = overrides };
    }

    /// <summary>"--timeout=30" → ("--timeout", "30"); "--until" → ("--until", null).</summary>
    private static (string Name, string? Value) Split(string argument)
    {
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        return argument.StartsWith("--", StringComparison.Ordinal) && equals > 2
            ? (argument[..equals], argument[(equals + 1)..])
            : (argument, null);
    }
}
