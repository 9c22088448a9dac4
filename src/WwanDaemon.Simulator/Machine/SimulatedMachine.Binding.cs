using WwanDaemon.Composition.Classification;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Linux.Uevents;

namespace WwanDaemon.Simulator.Machine;

public sealed partial class SimulatedMachine
{
    /// <summary>The drivers the machine's driver directories exist for from the start (more appear when a table names them).</summary>
    private static readonly string[] KnownDrivers =
        ["usb", "qmi_wwan", "cdc_mbim", "cdc_ether", "cdc_ncm", "huawei_cdc_ncm", "rndis_host", "cdc_acm", "cdc_wdm", "option", "qcserial", "sierra", "usbserial_generic", "usb-storage"];

    /// <summary>
    /// The drivers whose id tables match an interface, in the order they would try it: the static
    /// tables as Composition's <see cref="KernelDrivers.Candidates"/> gives them (which also knows
    /// seed 004's qcserial-claims-cdc, as the kernel of the report behaved), then dynamic ids.
    /// </summary>
    private IReadOnlyList<string> MatchingDrivers(PluggedDevice device, BoundInterface @interface)
    {
        var configuration = device.ActiveConfiguration!;
        var descriptor = configuration.Describing(@interface.Number)!;
        var fromTables = KernelDrivers.Candidates(device.Device, configuration, @interface.Number, KnowledgeOf(device), KnowledgeBase.Embedded);
        var fromDynamicIds = dynamicIds.Where(id => id.Matches(device.Device, descriptor)).Select(id => id.Driver);
        return [.. fromTables.Concat(fromDynamicIds).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>device_attach: each matching driver probes in turn until one takes the interface; failures are logged as the kernel logs them.</summary>
    private void ProbeAllDrivers(PluggedDevice device, BoundInterface @interface)
    {
        foreach (var driver in MatchingDrivers(device, @interface))
        {
            if (@interface.Driver is not null)
            {
                return; // claimed meanwhile, as a data interface
            }
            if (TryBind(device, @interface, driver).Accepted)
            {
                return;
            }
        }
    }

    /// <summary>Probes one driver on an unbound interface and, if it accepts, binds it: data interface claimed, class devices created, "bind".</summary>
    private ProbeOutcome TryBind(PluggedDevice device, BoundInterface @interface, string driver)
    {
        var configuration = device.ActiveConfiguration!;
        var outcome = DriverBehaviour.Probe(driver, configuration, @interface.Number,
            number => device.Interfaces.TryGetValue(number, out var other) && other.Driver is null);
        if (!outcome.Accepted)
        {
            Log($"{driver}: probe of {@interface.Name} failed with error -{outcome.Errno} ({outcome.Reason})");
            return outcome;
        }
        if (outcome.ClaimedDataInterface is { } data)
        {
            var claimed = device.Interfaces[data];
            claimed.ClaimedBy = @interface.Number;
            @interface.ClaimedData = data;
            AttachDriver(claimed, driver);
        }
        @interface.Driver = driver;
        foreach (var kind in outcome.Nodes)
        {
            @interface.Nodes.Add(CreateClassNode(device, @interface, driver, kind));
        }
        AttachDriver(@interface, driver);
        Log($"{driver} {@interface.Name}: bound{(@interface.Nodes.Count > 0 ? ": " + string.Join(", ", @interface.Nodes.Select(n => n.Name)) : "")}");
        return outcome;
    }

    /// <summary>
    /// device_release_driver: the driver's class devices go, then the interface's "unbind". Unbinding
    /// either interface of a CDC function releases both, as usbnet's disconnect does.
    /// </summary>
    private async Task UnbindAsync(PluggedDevice device, BoundInterface @interface)
    {
        if (@interface.ClaimedBy is { } control)
        {
            await UnbindAsync(device, device.Interfaces[control]).ConfigureAwait(false);
            return;
        }
        var driver = @interface.Driver;
        foreach (var node in Enumerable.Reverse(@interface.Nodes).ToArray())
        {
            await RemoveClassNodeAsync(node).ConfigureAwait(false);
        }
        @interface.Nodes.Clear();
        if (@interface.ClaimedData is { } data)
        {
            var claimed = device.Interfaces[data];
            claimed.ClaimedBy = null;
            DetachDriver(claimed);
            @interface.ClaimedData = null;
        }
        DetachDriver(@interface);
        Log($"{driver} {@interface.Name}: unbound");
    }

    private void AttachDriver(BoundInterface @interface, string driver)
    {
        @interface.Driver = driver;
        MachineSysfs.Link(Path.Combine(@interface.Object.Directory, "driver"), EnsureDriver(driver));
        MachineSysfs.Link(Path.Combine(SysRoot, "bus", "usb", "drivers", driver, @interface.Name), @interface.Object.Directory);
        MachineSysfs.WriteUeventFile(@interface.Object.Directory, @interface.Object.UeventFileProperties(driver));
        Raise(@interface.Object, UeventAction.Bind, driver);
    }

    private void DetachDriver(BoundInterface @interface)
    {
        if (@interface.Driver is { } driver)
        {
            MachineSysfs.Unlink(Path.Combine(SysRoot, "bus", "usb", "drivers", driver, @interface.Name));
        }
        @interface.Driver = null;
        MachineSysfs.Unlink(Path.Combine(@interface.Object.Directory, "driver"));
        MachineSysfs.WriteUeventFile(@interface.Object.Directory, @interface.Object.UeventFileProperties(null));
        Raise(@interface.Object, UeventAction.Unbind, null);
    }

    /// <summary>The role the classifier gives an interface (which decides whether its tty answers AT).</summary>
    private static InterfaceRole RoleOf(PluggedDevice device, int number) =>
        device.Roles.FirstOrDefault(r => r.Number == number)?.Role ?? InterfaceRole.Unknown;
}
