using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Modem.Lifecycle;

/// <summary>
/// Puts a session's IP settings on the network interface (addresses, routes, MTU, link up, DNS) or
/// only reports them for a NetworkManager-style client that applies them itself.
/// </summary>
public interface IIpConfigurator
{
    Task<IpConfigurationReport> ApplyAsync(string networkInterface, SessionSettings settings, CancellationToken cancellationToken);

    /// <summary>Takes the settings off again (session ended); no error when nothing was applied.</summary>
    Task ClearAsync(string networkInterface, CancellationToken cancellationToken);
}

/// <summary>Only reports: the interface is left as it is (option IpConfiguration = report).</summary>
public sealed class ReportingIpConfigurator : IIpConfigurator
{
    public Task<IpConfigurationReport> ApplyAsync(string networkInterface, SessionSettings settings, CancellationToken cancellationToken) =>
        Task.FromResult(IpReports.From(networkInterface, settings, applied: false));

    public Task ClearAsync(string networkInterface, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>SessionSettings → the report clients read. Pure.</summary>
public static class IpReports
{
    public static IpConfigurationReport From(string networkInterface, SessionSettings settings, bool applied) => new(
        networkInterface,
        settings.ByDhcp ? "dhcp" : "static",
        settings.Ipv4Address is { } address ? $"{address}/{settings.Ipv4PrefixLength}" : null,
        settings.Ipv4Gateway?.ToString(),
        settings.Dns.Select(d => d.ToString()).ToArray(),
        settings.Mtu,
        applied,
        settings.Ipv6Address is { } v6 ? $"{v6}/{settings.Ipv6PrefixLength}" : null,
        settings.Ipv6Gateway?.ToString());
}
