namespace WwanDaemon.Network.Configuration;

/// <summary>How <see cref="RtnetlinkIpConfigurator"/> applies settings.</summary>
public sealed record RtnetlinkIpConfiguratorOptions
{
    /// <summary>
    /// Metric (RTA_PRIORITY) of the default routes. 700 is what NetworkManager gives WWAN devices, so
    /// a wired (100) or Wi-Fi (600) default route keeps priority and the modem is the fallback.
    /// </summary>
    public uint RouteMetric { get; init; } = 700;

    /// <summary>Adds IPv6 addresses with IFA_F_NODAD: a modem link has no other host to collide with, and DAD would delay use by a second or more.</summary>
    public bool SkipIpv6DuplicateAddressDetection { get; init; } = true;
}
