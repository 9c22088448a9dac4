namespace WwanDaemon.Daemon.Configuration;

/// <summary>The configuration keys (":" separates sections, as IConfiguration does) and their spellings.</summary>
public static class ConfigurationKeys
{
    public const string SysfsRoot = "SysfsRoot";
    public const string DevRoot = "DevRoot";
    public const string StateDirectory = "StateDirectory";
    public const string Policy = "Policy";
    public const string AllowModeSwitch = "AllowModeSwitch";
    public const string IpConfiguration = "IpConfiguration";
    public const string ReconnectInitial = "Reconnect:InitialSeconds";
    public const string ReconnectMax = "Reconnect:MaxSeconds";
    public const string ReconnectJitter = "Reconnect:Jitter";
    public const string ReenumerationCycles = "ReenumerationLoop:Cycles";
    public const string ReenumerationWindow = "ReenumerationLoop:WindowSeconds";
    public const string LogPersonalData = "LogPersonalData";
    public const string LogLevel = "LogLevel";
    public const string LogTarget = "LogTarget";
    public const string Bus = "Bus";
    public const string ModemManagerApi = "ModemManagerApi";
    public const string ControlGroup = "ControlGroup";
    public const string Polkit = "Polkit";

    public static readonly IReadOnlyList<string> All =
    [
        SysfsRoot, DevRoot, StateDirectory, Policy, AllowModeSwitch, IpConfiguration,
        ReconnectInitial, ReconnectMax, ReconnectJitter, ReenumerationCycles, ReenumerationWindow,
        LogPersonalData, LogLevel, LogTarget, Bus, ModemManagerApi, ControlGroup, Polkit,
    ];

    /// <summary>The known key spelled like <paramref name="key"/> ignoring case, or null.</summary>
    public static string? Find(string key) => All.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>Top-level names (keys and sections).</summary>
    public static IEnumerable<string> Roots => All.Select(k => k.Split(':')[0]).Distinct();
}
