using Microsoft.Extensions.Logging;
using WwanDaemon.Devices.Inventory;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;

namespace WwanDaemon.Supervision;

/// <summary>
/// Commands routed by modem id (the USB bus path) to the device's running <see cref="ModemLifecycle"/>;
/// Reset restarts the device's supervisor (the control port is closed and opened again, the walk starts over).
/// </summary>
public sealed partial class FleetSupervisor : IModemCommands
{
    private CancellationToken runToken;

    public Task ConnectAsync(string modemId, ConnectRequest request, CancellationToken cancellationToken) =>
        LifecycleOf(modemId).ConnectAsync(request, cancellationToken);

    public Task DisconnectAsync(string modemId, CancellationToken cancellationToken) =>
        LifecycleOf(modemId).DisconnectAsync(cancellationToken);

    public Task SetEnabledAsync(string modemId, bool enabled, CancellationToken cancellationToken) =>
        LifecycleOf(modemId).SetEnabledAsync(enabled, cancellationToken);

    public Task SendPinAsync(string modemId, string pin, CancellationToken cancellationToken) =>
        LifecycleOf(modemId).SendPinAsync(pin, cancellationToken);

    /// <summary>Restarts the device's supervisor (its session ends); completes once the old one stopped (the new one then plans, probes and opens the port).</summary>
    public async Task ResetAsync(string modemId, CancellationToken cancellationToken)
    {
        var supervisor = Supervised(modemId);
        var device = context.Inventory.Read(modemId) ?? supervisor.Device;
        logger.LogInformation("{Device}: reset on request: its supervisor starts again", modemId);
        Start(device, supervisor.ActionsApplied, runToken);
        while (supervisor.Phase != SupervisionPhase.Ended) // the old walk ends its session and closes the port first
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The supervisor of a device the fleet lists as a modem (devices that are not modems are not commanded).</summary>
    private DeviceSupervisor Supervised(string modemId) =>
        context.Fleet.Find(modemId) is not null && Find(modemId) is { } supervisor ? supervisor : throw Unknown(modemId);

    private ModemLifecycle LifecycleOf(string modemId)
    {
        var supervisor = Supervised(modemId);
        if (supervisor is { Phase: SupervisionPhase.Running, Lifecycle: { } lifecycle })
        {
            return lifecycle;
        }
        var snapshot = context.Fleet.Find(modemId);
        throw new ModemCommandException(ModemCommandError.WrongState,
            $"{modemId}: the modem is not up yet ({snapshot?.State ?? ModemState.Unknown}: {snapshot?.StateReason ?? supervisor.Phase.ToString().ToLowerInvariant()}); try again once it is registered");
    }

    private static ModemCommandException Unknown(string modemId) =>
        new(ModemCommandError.UnknownModem, $"no modem {modemId}: it was unplugged, or is not a modem (see the devices list)");

    /// <summary>The device as the devices list shows it.</summary>
    private static SeenDevice Seen(DiscoveredDevice device, string reason)
    {
        var description = string.Join(' ', new[] { device.Device.Manufacturer, device.Device.Product }.Where(t => !string.IsNullOrWhiteSpace(t)));
        return new SeenDevice(device.BusPath, device.SysfsPath, device.Device.VendorId, device.Device.ProductId, description.Length > 0 ? description : null, reason);
    }
}
