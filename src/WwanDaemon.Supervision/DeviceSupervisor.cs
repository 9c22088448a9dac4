using Microsoft.Extensions.Logging;
using WwanDaemon.At.Client;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Devices.Binding;
using WwanDaemon.Devices.Inventory;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Modem.Probing;

namespace WwanDaemon.Supervision;

/// <summary>Where a device's supervisor is; the fleet supervisor uses it to tell our own binding changes from the device's.</summary>
public enum SupervisionPhase
{
    Planning,
    Binding,
    Probing,
    Running,
    Ended,
}

/// <summary>
/// One USB device from discovery to a running modem lifecycle: plan → apply the plan (binding
/// executor) → probe the ports → open the control protocol → <see cref="ModemLifecycle"/>. Every step
/// is published to the fleet; a step that fails marks the modem failed with the reason.
/// </summary>
/// <param name="discovered">The device as the watcher read it.</param>
/// <param name="context">What supervisors share.</param>
/// <param name="earlierActions">Actions applied to this device by earlier supervisors since it appeared (kept across restarts).</param>
public sealed class DeviceSupervisor(DiscoveredDevice discovered, SupervisorContext context, IReadOnlyList<string>? earlierActions = null)
{
    /// <summary>
    /// Modem restarts in a row (none reaching a registration in between) absorbed by opening the port
    /// again at once; a modem that keeps restarting is marked failed instead, so the fleet
    /// supervisor's pause applies between tries.
    /// </summary>
    private const int MaxModemRestartsInARow = 5;

    private readonly ILogger logger = context.Logging.CreateLogger<DeviceSupervisor>();
    private ModemSnapshot? snapshot;

    public string BusPath { get; } = discovered.BusPath;

    /// <summary>The device as this supervisor last read it (after its own plan was applied).</summary>
    public DiscoveredDevice Device { get; private set; } = discovered;

    /// <summary>Every action applied to the device since it appeared, this supervisor's included.</summary>
    public IReadOnlyList<string> ActionsApplied { get; private set; } = earlierActions ?? [];

    public SupervisionPhase Phase { get; private set; } = SupervisionPhase.Planning;

    /// <summary>True when the device looks like a modem (the plan found a control or AT port); false leaves it alone.</summary>
    public static bool IsModem(CompositionPlan plan) =>
        plan.Knowledge is not null || plan.Control.Protocol != ControlProtocol.None || plan.AtInterfaces.Count > 0
        || plan.Interfaces.Any(i => i.Role is InterfaceRole.RndisControl or InterfaceRole.EcmControl or InterfaceRole.NcmControl);

    /// <summary>Runs until the modem fails or <paramref name="cancellationToken"/> fires (unplug, daemon stop); returns the last state.</summary>
    public async Task<ModemState> RunAsync(CancellationToken cancellationToken)
    {
        var options = context.Options;
        var device = Device;
        var plan = Plan(device);
        if (!IsModem(plan))
        {
            logger.LogDebug("{Device}: not a modem; left alone", BusPath);
            NotAModemReason = NotAModem;
            Phase = SupervisionPhase.Ended;
            return ModemState.Unknown;
        }
        Publish(new ModemSnapshot(BusPath, device.SysfsPath, ModemState.Initializing, "applying the USB plan", device.Device.ActiveConfiguration, ActionsApplied, null, null, null)
        {
            Manufacturer = device.Device.Manufacturer,
            Model = device.Device.Product,
            Warnings = plan.Warnings,
            Ports = ModemPortMap.Ports(device, plan),
            Drivers = ModemPortMap.Drivers(device),
        });
        try
        {
            Phase = SupervisionPhase.Binding;
            var outcome = await context.Executor.ApplyAsync(plan, BusPath, options.Binding with
            {
                AllowOptInActions = options.AllowModeSwitch,
                SendAtModeSwitch = (action, token) => SendModeSwitchAsync(device, plan, action, token),
            }, cancellationToken).ConfigureAwait(false);
            var applied = ActionsApplied.Concat(outcome.Applied.Select(Describe)).ToArray();
            ActionsApplied = applied;
            if (!outcome.Succeeded)
            {
                return Fail(outcome.Failure!.Reason, s => s with { ActionsApplied = applied });
            }
            if (outcome.AwaitsReenumeration)
            {
                NotAModemReason = AwaitingReenumeration;
                Publish(snapshot! with { StateReason = "the mode switch was sent; waiting for the modem to come back in its new composition", ActionsApplied = applied });
                Phase = SupervisionPhase.Ended;
                return ModemState.Initializing;
            }
            if (outcome.Applied.Count > 0)
            {
                device = context.Inventory.Read(BusPath) ?? throw new OperationCanceledException($"{BusPath} went away after its plan was applied");
                plan = Plan(device);
                Device = device;
            }
            Publish(snapshot! with
            {
                Configuration = device.Device.ActiveConfiguration, ActionsApplied = applied, StateReason = "probing the ports",
                Ports = ModemPortMap.Ports(device, plan), Drivers = ModemPortMap.Drivers(device),
            });

            Phase = SupervisionPhase.Probing;
            var nodes = device.Ports.Where(p => p.NodePath is not null && p.Kind != DevicePortKind.Net)
                .Select(p => new PortNode(p.Interface, p.NodePath!, p.Kind == DevicePortKind.CdcWdm ? PortKind.CdcWdm : PortKind.Tty)).ToArray();
            var prober = new PortProber(context.PortOpener, options.Probe, context.Logging.CreateLogger<PortProber>());
            var probe = await prober.ProbeAsync(ProbePorts.FromPlan(plan, nodes), cancellationToken).ConfigureAwait(false);
            if (probe.Control is not { } control)
            {
                return Fail($"no port answered AT, QMI or MBIM ({string.Join("; ", probe.Ports.Select(p => $"{p.Port.Path}: {p.Reason}"))})");
            }
            Publish(snapshot! with { Ports = ModemPortMap.Ports(device, plan, probe) });
            var net = device.Ports.FirstOrDefault(p => p.Kind == DevicePortKind.Net && p.Interface == control.Port.Interface)
                ?? device.Ports.FirstOrDefault(p => p.Kind == DevicePortKind.Net);
            var rawIp = net is not null && net.Driver == "qmi_wwan" ? Path.Combine(options.SysfsRoot, "class", "net", net.Name, "qmi", "raw_ip") : null;
            for (var restartsInARow = 0; ;)
            {
                var backend = await context.Backends.OpenAsync(control, plan, rawIp, cancellationToken).ConfigureAwait(false);
                await using (backend.ConfigureAwait(false))
                {
                    Phase = SupervisionPhase.Running;
                    var lifecycle = new ModemLifecycle(
                        snapshot! with { PrimaryAtPort = probe.PrimaryAt?.Path },
                        backend,
                        (identity, sim) => context.Profiles.Match(identity.Imei, sim.Iccid),
                        context.IpConfigurator,
                        net?.Name,
                        Publish,
                        options.Lifecycle,
                        context.Logging.CreateLogger<ModemLifecycle>());
                    Lifecycle = lifecycle;
                    await lifecycle.RunAsync(cancellationToken).ConfigureAwait(false);
                    if (lifecycle.Step != ModemStep.Restarted)
                    {
                        return lifecycle.Snapshot.State;
                    }
                    restartsInARow = lifecycle.ReachedRegistration ? 1 : restartsInARow + 1;
                }
                if (restartsInARow > MaxModemRestartsInARow)
                {
                    return Fail($"the modem restarted {restartsInARow} times in a row before registering; trying it again later");
                }
                // The modem restarted in place (same node, same composition): its port stays, so it is
                // opened again at once rather than re-probed after RetryAfterFailure.
                logger.LogInformation("{Device}: the modem restarted; opening {Port} again", BusPath, control.Port.Path);
            }
        }
        catch (ModemOperationException error)
        {
            return Fail(error.Message);
        }
        catch (IOException error)
        {
            return Fail($"a port failed while bringing the modem up: {error.Message}");
        }
        finally
        {
            Phase = SupervisionPhase.Ended;
        }
    }

    /// <summary>Why <see cref="SeenDevice"/> lists a device that is not a modem.</summary>
    public const string NotAModem = "not a modem: no control or AT interface";

    /// <summary>Why <see cref="SeenDevice"/> lists a modem whose mode switch was sent.</summary>
    public const string AwaitingReenumeration = "awaiting re-enumeration after a mode switch";

    /// <summary>Set when the run ended without a modem to run: the device is not one, or it is coming back in another composition.</summary>
    public string? NotAModemReason { get; private set; }

    /// <summary>The running lifecycle (for PIN entry and D-Bus), or null before the modem is up.</summary>
    public ModemLifecycle? Lifecycle { get; private set; }

    private CompositionPlan Plan(DiscoveredDevice device) =>
        CompositionPlanner.Plan(device.Device with { BusPath = BusPath }, context.KnowledgeBase, context.LivePolicy?.Current ?? context.Options.Policy);

    private void Publish(ModemSnapshot next)
    {
        snapshot = next;
        context.Fleet.Publish(next);
    }

    private ModemState Fail(string reason, Func<ModemSnapshot, ModemSnapshot>? change = null)
    {
        logger.LogWarning("{Device}: {Reason}", BusPath, reason);
        var failed = snapshot! with { State = ModemState.Failed, StateReason = reason };
        Publish(change?.Invoke(failed) ?? failed);
        return ModemState.Failed;
    }

    /// <summary>"unbind qcserial 1-6:3.12", "set-configuration 3", "at-mode-switch AT+CUSBPIDSWITCH=9001,1,1".</summary>
    public static string Describe(PlanAction action) => action.Kind switch
    {
        PlanActionKind.SetConfiguration => $"set-configuration {action.Value}",
        PlanActionKind.Unbind => $"unbind {action.Driver} {action.Value}",
        PlanActionKind.Bind => $"bind {action.Driver} {action.Value}",
        PlanActionKind.NewId => $"new_id {action.Driver} {action.Value}",
        _ => $"at-mode-switch {action.Value}",
    };

    /// <summary>Sends an opt-in vendor mode switch on the device's first AT port (from the plan), checked by the AT builders.</summary>
    private async Task SendModeSwitchAsync(DiscoveredDevice device, CompositionPlan plan, PlanAction action, CancellationToken cancellationToken)
    {
        var port = device.Ports.FirstOrDefault(p => p.Kind == DevicePortKind.Tty && p.NodePath is not null && plan.AtInterfaces.Contains(p.Interface))
            ?? throw new ModemOperationException(ModemFailure.Other, $"{BusPath}: the mode switch '{action.Value}' needs an AT port and the plan names none that exists");
        var command = AtModeSwitchCommand.Parse(action.Value);
        var connection = await context.PortOpener.OpenAsync(new ProbePort(port.NodePath!, PortKind.Tty, port.Driver, InterfaceRole.AtPrimary, port.Interface), cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var channel = AtChannel.Open(connection.Stream, new AtChannelOptions { Name = port.NodePath!, CommandTimeout = context.Options.RequestTimeout });
            await using (channel.ConfigureAwait(false))
            {
                var answer = await channel.SendAsync(command, cancellationToken).ConfigureAwait(false);
                if (!answer.IsOk)
                {
                    throw new ModemOperationException(ModemFailure.Other, $"{port.NodePath}: the modem refused the mode switch {command.Text}: {answer.Final}");
                }
            }
        }
    }
}
