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
    ILoggerFactory Logging);
