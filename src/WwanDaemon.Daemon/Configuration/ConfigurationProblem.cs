namespace WwanDaemon.Daemon.Configuration;

/// <summary>One bad configuration value: the key, what was given, what would be accepted and where it was set.</summary>
public sealed record ConfigurationProblem(string Key, string Value, string Allowed, string Origin)
{
    /// <summary>
    /// Policy = "prefer-lte" (config file /etc/wwan-daemon/config.json): allowed values are prefer-mbim, prefer-qmi, keep.
    /// </summary>
    public string Describe(string configFile)
    {
        var where = Origin.StartsWith("config file", StringComparison.Ordinal) ? Origin : $"{Origin}; config file {configFile}";
        return $"{Key} = \"{Value}\" ({where}): {Allowed}.";
    }
}

/// <summary>The configuration cannot be used; the message is for the administrator, as printed.</summary>
public sealed class DaemonConfigurationException(string message) : Exception(message)
{
}
