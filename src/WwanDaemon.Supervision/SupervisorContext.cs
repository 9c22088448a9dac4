using Microsoft.Extensions.Logging;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Devices.Binding;
using WwanDaemon.Devices.Inventory;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Modem.Probing;

namespace WwanDaemon.Supervision;

/// <summary>What every device's supervisor shares: options, the fleet, and the parts that touch the machine.</summary>
public sealed record SupervisorContext(
    SupervisorOptions Options,
    ModemFleet Fleet,
    DeviceInventory Inventory,
    BindingExecutor Executor,
    IProbePortOpener PortOpener,
    IModemBackendFactory Backends,
    ProfileStore Profiles,
    IIpConfigurator IpConfigurator,
    KnowledgeBase KnowledgeBase,
    ILoggerFactory Logging)
{
    /// <summary>The policy changed at run time (D-Bus SetPolicy), or null to plan with <see cref="SupervisorOptions.Policy"/>.</summary>
    public LivePolicy? LivePolicy { get; init; }
}

/// <summary>The context the daemon runs with, built from the options: the Linux implementations of every part.</summary>
public static class SupervisorContexts
{
    /// <summary>
    /// Inventory and binding over <see cref="SupervisorOptions.SysfsRoot"/>/<see cref="SupervisorOptions.DevRoot"/>,
    /// ports opened as the prober opens them, QMI/MBIM/AT backends, the embedded knowledge base.
    /// </summary>
    public static SupervisorContext ForLinux(SupervisorOptions options, ModemFleet fleet, ProfileStore profiles, IIpConfigurator ipConfigurator, ILoggerFactory logging) => new(
        options, fleet, new DeviceInventory(options.SysfsRoot, options.DevRoot),
        new BindingExecutor(options.SysfsRoot, logger: logging.CreateLogger<BindingExecutor>()), new LinuxProbePortOpener(),
        new LinuxModemBackendFactory(new LinuxProbePortOpener(), options.RequestTimeout),
        profiles, ipConfigurator, KnowledgeBase.Embedded, logging);
}
