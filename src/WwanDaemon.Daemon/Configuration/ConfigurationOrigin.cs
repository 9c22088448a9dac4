using Microsoft.Extensions.Configuration;

namespace WwanDaemon.Daemon.Configuration;

/// <summary>
/// Says where a key's effective value came from, so an error points at the line to fix.
/// <paramref name="describers"/> holds one function per provider of <paramref name="root"/>, in order.
/// </summary>
public sealed class ConfigurationOrigin(IConfigurationRoot root, IReadOnlyList<Func<string, string>> describers)
{
    /// <summary>"config file /etc/wwan-daemon/config.json", "environment variable WWAN_DAEMON_Policy", "command line --Policy".</summary>
    public string Describe(string key)
    {
        // Later providers win, so the last one holding the key set the value.
        var providers = root.Providers.ToArray();
        for (var i = providers.Length - 1; i >= 0; i--)
        {
            if (providers[i].TryGet(key, out _))
            {
                return describers[i](key);
            }
        }
        return "the built-in default";
    }
}
