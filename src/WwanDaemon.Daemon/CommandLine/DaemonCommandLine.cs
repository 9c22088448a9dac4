using WwanDaemon.Daemon.Configuration;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.CommandLine;

/// <summary>What to do, as the command line says it.</summary>
public enum DaemonAction
{
    Run,
    Help,
    Version,
    PrintUdevRules,
}

/// <summary>A parsed command line: wwan-daemon [--config FILE] [--simulate [SCENARIO]] [--until STATE --timeout SECONDS] [--Key=value]...</summary>
public sealed record DaemonCommandLine
{
    public DaemonAction Action { get; init; } = DaemonAction.Run;

    public string ConfigFile { get; init; } = DaemonConfiguration.DefaultConfigFile;

    /// <summary>True when --config was given (then a missing file is an error).</summary>
    public bool ConfigFileGiven { get; init; }

    /// <summary>The scenario after --simulate ("default" when none), or null for real hardware.</summary>
    public string? SimulationScenario { get; init; }

    /// <summary>--until STATE, or null to run until stopped.</summary>
    public ModemState? UntilState { get; init; }

    public TimeSpan? UntilTimeout { get; init; }

    /// <summary>--Key=value and --Key value configuration overrides, keys spelled as in <see cref="ConfigurationKeys"/>.</summary>
    public IReadOnlyDictionary<string, string> ConfigurationOverrides { get; init; } = new Dictionary<string, string>();
}

/// <summary>A command line that cannot be run; the message says what was wrong and what is accepted.</summary>
public sealed class CommandLineException(string message) : Exception(message)
{
}
