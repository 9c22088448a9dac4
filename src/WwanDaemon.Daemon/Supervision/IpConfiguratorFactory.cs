using Microsoft.Extensions.Logging;
using WwanDaemon.Modem.Lifecycle;

namespace WwanDaemon.Daemon.Supervision;

/// <summary>The configurator for IpConfiguration = apply.</summary>
public static class IpConfiguratorFactory
{
    public static IIpConfigurator Apply(string stateDirectory, ILoggerFactory logging)
    {
        logging.CreateLogger(typeof(IpConfiguratorFactory)).LogWarning(
            "IpConfiguration=apply is not available in this build yet: IP settings are only reported (set IpConfiguration to report to silence this)");
        return new ReportingIpConfigurator();
    }
}
