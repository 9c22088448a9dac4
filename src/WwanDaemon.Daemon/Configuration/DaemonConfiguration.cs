using System.Collections;
using Microsoft.Extensions.Configuration;

namespace WwanDaemon.Daemon.Configuration;

/// <summary>
/// Builds the configuration in its three layers (config file, WWAN_DAEMON_* environment, command
/// line; later wins) and reads <see cref="DaemonOptions"/> from it, or fails with one message that
/// lists every problem.
/// </summary>
public static class DaemonConfiguration
{
    public const string DefaultConfigFile = "/etc/wwan-daemon/config.json";

    public const string EnvironmentPrefix = "WWAN_DAEMON_";

    /// <param name="configFile">The file to read.</param>
    /// <param name="configFileGiven">True when --config named it: then a missing file is an error, else it means defaults.</param>
    /// <param name="environment">The process environment (Environment.GetEnvironmentVariables()).</param>
    /// <param name="commandLine">--Key=value overrides, keys as in <see cref="ConfigurationKeys"/>.</param>
    /// <exception cref="DaemonConfigurationException">The file is missing, unreadable or not JSON, or a value is bad.</exception>
    public static DaemonOptions Load(string configFile, bool configFileGiven, IDictionary environment, IReadOnlyDictionary<string, string> commandLine)
    {
        var builder = new ConfigurationBuilder();
        var describers = new List<Func<string, string>>();
        var fullPath = Path.GetFullPath(configFile);
        if (File.Exists(fullPath))
        {
            builder.AddJsonFile(fullPath, optional: false, reloadOnChange: false);
            describers.Add(_ => "config file " + fullPath);
        }
        else if (configFileGiven)
        {
            throw new DaemonConfigurationException($"config file {fullPath} (given with --config) does not exist. Create it (an empty {{}} is valid) or drop --config to use {DefaultConfigFile}.");
        }
        builder.AddInMemoryCollection(EnvironmentKeys(environment));
        describers.Add(key => "environment variable " + EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal));
        builder.AddInMemoryCollection(commandLine.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)));
        describers.Add(key => "command line --" + key);

        var root = Build(builder, fullPath);
        var reader = new DaemonOptionsReader(root, new ConfigurationOrigin(root, describers));
        var options = reader.Read();
        if (reader.Problems.Count > 0)
        {
            var lines = reader.Problems.Select(p => "  " + p.Describe(fullPath));
            throw new DaemonConfigurationException($"invalid configuration ({reader.Problems.Count} problem{(reader.Problems.Count == 1 ? "" : "s")}):\n{string.Join("\n", lines)}");
        }
        return options;
    }

    /// <summary>WWAN_DAEMON_Reconnect__MaxSeconds=300 → "Reconnect:MaxSeconds" = "300" (as AddEnvironmentVariables maps them).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> EnvironmentKeys(IDictionary environment)
    {
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string name && name.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase))
            {
                yield return new(name[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), entry.Value as string);
            }
        }
    }

    private static IConfigurationRoot Build(ConfigurationBuilder builder, string configFile)
    {
        try
        {
            return builder.Build();
        }
        catch (InvalidDataException notJson)
        {
            // JsonConfigurationProvider wraps the JsonException, which names the line and byte.
            throw new DaemonConfigurationException($"config file {configFile} is not valid JSON: {notJson.InnerException?.Message ?? notJson.Message}");
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            throw new DaemonConfigurationException($"config file {configFile} cannot be read: {unreadable.Message}");
        }
    }
}
