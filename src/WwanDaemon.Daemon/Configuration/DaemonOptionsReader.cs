using System.Globalization;
using Microsoft.Extensions.Configuration;
using Serilog.Events;
using WwanDaemon.Composition.Planning;

namespace WwanDaemon.Daemon.Configuration;

/// <summary>
/// Reads <see cref="DaemonOptions"/> from configuration by hand rather than with the reflection
/// binder: every key is checked, and a bad value becomes a <see cref="ConfigurationProblem"/> that
/// names the key, the value, what is allowed and where it was set, instead of a binder exception.
/// </summary>
public sealed class DaemonOptionsReader(IConfiguration configuration, ConfigurationOrigin origin)
{
    private static readonly (string Name, CompositionPolicy Value)[] Policies =
        [("prefer-mbim", CompositionPolicy.PreferMbim), ("prefer-qmi", CompositionPolicy.PreferQmi), ("keep", CompositionPolicy.Keep)];

    private static readonly (string Name, IpConfigurationMode Value)[] IpModes =
        [("apply", IpConfigurationMode.Apply), ("report", IpConfigurationMode.Report)];

    private static readonly (string Name, LogEventLevel Value)[] Levels =
    [
        ("verbose", LogEventLevel.Verbose), ("debug", LogEventLevel.Debug), ("information", LogEventLevel.Information),
        ("warning", LogEventLevel.Warning), ("error", LogEventLevel.Error), ("fatal", LogEventLevel.Fatal),
    ];

    private static readonly (string Name, LogTarget Value)[] Targets =
        [("auto", LogTarget.Auto), ("console", LogTarget.Console), ("journal", LogTarget.Journal)];

    private static readonly (string Name, bool Value)[] Booleans = [("false", false), ("true", true)];

    private static readonly (string Name, bool Value)[] PolkitModes = [("auto", true), ("off", false)];

    private static readonly (string Name, bool Value)[] Switches = [("on", true), ("off", false), ("true", true), ("false", false)];

    private readonly List<ConfigurationProblem> problems = [];

    public IReadOnlyList<ConfigurationProblem> Problems => problems;

    /// <summary>Reads every key; check <see cref="Problems"/> before using the result.</summary>
    public DaemonOptions Read()
    {
        ReportUnknownKeys();
        var defaults = new DaemonOptions();
        return new DaemonOptions
        {
            SysfsRoot = AbsolutePath(ConfigurationKeys.SysfsRoot, defaults.SysfsRoot),
            DevRoot = AbsolutePath(ConfigurationKeys.DevRoot, defaults.DevRoot),
            StateDirectory = AbsolutePath(ConfigurationKeys.StateDirectory, defaults.StateDirectory),
            Policy = Choice(ConfigurationKeys.Policy, Policies, defaults.Policy),
            AllowModeSwitch = Choice(ConfigurationKeys.AllowModeSwitch, Booleans, defaults.AllowModeSwitch),
            IpConfiguration = Choice(ConfigurationKeys.IpConfiguration, IpModes, defaults.IpConfiguration),
            Reconnect = ReadReconnect(defaults.Reconnect),
            ReenumerationLoop = new ReenumerationLoopOptions
            {
                Cycles = (int)Number(ConfigurationKeys.ReenumerationCycles, defaults.ReenumerationLoop.Cycles, 2, 100, wholeNumber: true),
                Window = Seconds(ConfigurationKeys.ReenumerationWindow, defaults.ReenumerationLoop.Window),
            },
            LogPersonalData = Choice(ConfigurationKeys.LogPersonalData, Booleans, defaults.LogPersonalData),
            LogLevel = Choice(ConfigurationKeys.LogLevel, Levels, defaults.LogLevel),
            LogTarget = Choice(ConfigurationKeys.LogTarget, Targets, defaults.LogTarget),
            Bus = BusAddress(defaults.Bus),
            ModemManagerApi = Choice(ConfigurationKeys.ModemManagerApi, Switches, defaults.ModemManagerApi),
            ControlGroup = GroupName(defaults.ControlGroup),
            Polkit = Choice(ConfigurationKeys.Polkit, PolkitModes, defaults.Polkit),
        };
    }

    /// <summary>system, none, or a D-Bus server address ("transport:key=value,...", D-Bus specification "Server Addresses").</summary>
    private string BusAddress(string fallback)
    {
        if (configuration[ConfigurationKeys.Bus] is not { } text)
        {
            return fallback;
        }
        var value = text.Trim();
        if (value is "system" or "none" || (value.Contains(':', StringComparison.Ordinal) && value.Contains('=', StringComparison.Ordinal) && !value.Any(char.IsControl)))
        {
            return value;
        }
        Problem(ConfigurationKeys.Bus, text, "allowed values are system, none, or a D-Bus address such as unix:path=/run/dbus/system_bus_socket");
        return fallback;
    }

    /// <summary>A group name as groupadd(8) takes it.</summary>
    private string GroupName(string fallback)
    {
        if (configuration[ConfigurationKeys.ControlGroup] is not { } text)
        {
            return fallback;
        }
        if (text.Length is > 0 and <= 32 && (char.IsAsciiLetterLower(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'))
        {
            return text;
        }
        Problem(ConfigurationKeys.ControlGroup, text, "must be a group name (lower-case letters, digits, '_' and '-', starting with a letter or '_')");
        return fallback;
    }

    private ReconnectBackoffOptions ReadReconnect(ReconnectBackoffOptions defaults)
    {
        var initial = Seconds(ConfigurationKeys.ReconnectInitial, defaults.Initial);
        var max = Seconds(ConfigurationKeys.ReconnectMax, defaults.Max);
        if (max < initial)
        {
            Problem(ConfigurationKeys.ReconnectMax, max.TotalSeconds.ToString(CultureInfo.InvariantCulture),
                $"must be at least {ConfigurationKeys.ReconnectInitial} ({initial.TotalSeconds.ToString(CultureInfo.InvariantCulture)})");
        }
        return new ReconnectBackoffOptions
        {
            Initial = initial,
            Max = max,
            Jitter = Number(ConfigurationKeys.ReconnectJitter, defaults.Jitter, 0, 1, wholeNumber: false),
        };
    }

    private void ReportUnknownKeys()
    {
        foreach (var (key, value) in configuration.AsEnumerable())
        {
            if (value is not null && ConfigurationKeys.Find(key) is null)
            {
                Problem(key, value, "unknown key; known keys are " + string.Join(", ", ConfigurationKeys.All));
            }
        }
    }

    private T Choice<T>(string key, (string Name, T Value)[] choices, T fallback)
    {
        if (configuration[key] is not { } text)
        {
            return fallback;
        }
        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        Problem(key, text, "allowed values are " + string.Join(", ", choices.Select(c => c.Name)));
        return fallback;
    }

    private string AbsolutePath(string key, string fallback)
    {
        if (configuration[key] is not { } text)
        {
            return fallback;
        }
        if (!Path.IsPathFullyQualified(text))
        {
            Problem(key, text, $"must be an absolute path (default {fallback})");
            return fallback;
        }
        return text;
    }

    private TimeSpan Seconds(string key, TimeSpan fallback)
    {
        var seconds = Number(key, fallback.TotalSeconds, 0.001, TimeSpan.FromDays(1).TotalSeconds, wholeNumber: false);
        return TimeSpan.FromSeconds(seconds);
    }

    private double Number(string key, double fallback, double minimum, double maximum, bool wholeNumber)
    {
        if (configuration[key] is not { } text)
        {
            return fallback;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value >= minimum && value <= maximum && (!wholeNumber || value == Math.Floor(value)))
        {
            return value;
        }
        var kind = wholeNumber ? "a whole number" : "a number";
        Problem(key, text, string.Create(CultureInfo.InvariantCulture, $"must be {kind} from {minimum} to {maximum}"));
        return fallback;
    }

    private void Problem(string key, string value, string allowed) =>
        problems.Add(new ConfigurationProblem(key, value, allowed, origin.Describe(key)));
}
