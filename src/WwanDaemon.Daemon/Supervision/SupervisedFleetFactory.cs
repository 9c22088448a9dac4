using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Daemon.Configuration;
using WwanDaemon.Daemon.Fleet;
using WwanDaemon.Devices.Binding;
using WwanDaemon.Devices.Inventory;
using WwanDaemon.Linux.Tun;
using WwanDaemon.Linux.Uevents;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Modem.Probing;
using WwanDaemon.Simulator.Machine;
using WwanDaemon.Supervision;

namespace WwanDaemon.Daemon.Supervision;

/// <summary>
/// The real fleet: kernel uevents (netlink) over the configured sysfs and /dev, the modem supervisor,
/// profiles from the state directory. The simulated fleet is the same supervisor over a
/// <see cref="Simulation.SimulatedMachineService"/>'s roots and uevents.
/// </summary>
public sealed class SupervisedFleetFactory : IFleetFactory
{
    public void AddHardwareFleet(IServiceCollection services, DaemonOptions options)
    {
        services.AddSingleton<IUeventSource>(_ => NetlinkUeventSource.Open(NetlinkUeventSource.ModemSubsystems));
        AddSupervision(services, options, options.SysfsRoot, options.DevRoot, options.StateDirectory,
            logging => IpConfiguratorFactory.Create(options.IpConfiguration, options.StateDirectory, logging));
    }

    public void AddSimulatedFleet(IServiceCollection services, string scenario, DaemonOptions options)
    {
        // Report unless apply was asked for (DaemonProgram passes apply only from the command line):
        // then the machine's wwanN are real TUN devices in this network namespace and the real
        // rtnetlink configurator addresses them, so a ping through wwan0 reaches the simulated network.
        var apply = options.IpConfiguration == IpConfigurationMode.Apply;
        if (apply && !NetAdminCapability.IsEffective())
        {
            throw new DaemonConfigurationException(
                $"--simulate {scenario} --IpConfiguration=apply creates TUN devices (wwan0) and configures them, which needs CAP_NET_ADMIN. "
                + $"Run it as root inside a fresh network namespace (ip netns add wwan-demo; ip netns exec wwan-demo wwan-daemon --simulate {scenario} --IpConfiguration=apply), "
                + "or drop --IpConfiguration=apply: a simulation reports the settings by default.");
        }
        var simulation = Simulation.SimulatedMachineService.Create(Simulation.Scenarios.Get(scenario), new SimulatedMachineOptions { TunNetworkInterfaces = apply });
        services.AddSingleton(simulation);
        services.AddHostedService(provider =>
        {
            var service = provider.GetRequiredService<Simulation.SimulatedMachineService>();
            service.UseLogger(provider.GetRequiredService<ILogger<Simulation.SimulatedMachineService>>());
            return service;
        });
        services.AddSingleton<IUeventSource>(_ => simulation.Uevents);
        var simulated = options with { AllowModeSwitch = options.AllowModeSwitch || simulation.Scenario.AllowModeSwitch };
        AddSupervision(services, simulated, simulation.SysRoot, simulation.DevRoot, simulation.StateDirectory,
            logging => apply ? IpConfiguratorFactory.Create(IpConfigurationMode.Apply, simulation.StateDirectory, logging) : new ReportingIpConfigurator(),
            simulation.Scenario.Fast);
    }

    private static void AddSupervision(IServiceCollection services, DaemonOptions options, string sysRoot, string devRoot, string stateDirectory,
        Func<ILoggerFactory, IIpConfigurator> ipConfigurator, bool fast = false)
    {
        var supervisorOptions = new SupervisorOptions
        {
            SysfsRoot = sysRoot,
            DevRoot = devRoot,
            Policy = options.Policy,
            AllowModeSwitch = options.AllowModeSwitch,
            LoopCycles = options.ReenumerationLoop.Cycles,
            LoopWindow = options.ReenumerationLoop.Window,
            Lifecycle = new ModemLifecycleOptions
            {
                Backoff = new ReconnectBackoff { Initial = options.Reconnect.Initial, Maximum = options.Reconnect.Max, Jitter = options.Reconnect.Jitter },
                RegistrationPoll = fast ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(2),
            },
        };
        var livePolicy = new LivePolicy(options.Policy);
        services.AddSingleton(livePolicy);
        services.AddSingleton<ModemFleet>();
        services.AddSingleton<IModemFleet>(provider => provider.GetRequiredService<ModemFleet>());
        services.AddSingleton(provider =>
        {
            var logging = provider.GetRequiredService<ILoggerFactory>();
            var profiles = ProfileStore.Open(stateDirectory);
            if (profiles.All.Count == 0)
            {
                provider.GetRequiredService<ILogger<SupervisedFleetFactory>>().LogWarning(
                    "no connection profile in {File}: modems will register but not connect; add one (apn, ipType) to connect", profiles.FilePath);
            }
            var configurator = ipConfigurator(logging);
            var context = SupervisorContexts.ForLinux(supervisorOptions, provider.GetRequiredService<ModemFleet>(), profiles, configurator, logging) with { LivePolicy = livePolicy };
            var supervisor = new FleetSupervisor(provider.GetRequiredService<IUeventSource>(), context,
                new ReenumerationLoopDetector(supervisorOptions.LoopCycles, supervisorOptions.LoopWindow));
            provider.GetRequiredService<ModemFleet>().Commands = supervisor; // D-Bus and wwanctl reach the lifecycles through the fleet
            return supervisor;
        });
        services.AddHostedService<FleetSupervisorService>();
    }
}
