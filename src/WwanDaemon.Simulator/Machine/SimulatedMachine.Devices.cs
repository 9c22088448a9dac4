using System.Globalization;
using WwanDaemon.Composition.Classification;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Linux.Uevents;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Simulator.Machine;

public sealed partial class SimulatedMachine
{
    /// <summary>
    /// A device enumerates (drivers/usb/core/hub.c hub_port_connect → usb_new_device): "add" for the
    /// device, the generic driver picks a configuration (usb_choose_configuration, Composition's
    /// <see cref="KernelConfigurationChoice"/>) and sets it, then "bind" of the device to "usb".
    /// </summary>
    private async Task AddDeviceAsync(SimulatedModem modem, string busPath)
    {
        var bus = int.Parse(busPath.Split('-')[0], CultureInfo.InvariantCulture);
        var composition = UsbCompositions.Get(modem.Profile.UsbVendorId!.Value, modem.UsbProductId!.Value, busPath);
        var descriptors = composition with
        {
            ActiveConfiguration = null,
            DriversKnown = false,
            Configurations = composition.Configurations.Select(c => c with { Interfaces = c.Interfaces.Select(i => i with { Driver = null }).ToEquatableList() }).ToEquatableList(),
        };
        var deviceNumber = nextDeviceNumber.GetValueOrDefault(bus, 2);
        nextDeviceNumber[bus] = deviceNumber + 1;
        var directory = tree.AddDevice(descriptors, busPath);
        var @object = new KernelObject(directory, DevPathOf(directory), "usb", KernelObjectProperties.UsbDevice(descriptors, bus, deviceNumber));
        var device = new PluggedDevice(modem, busPath, bus, deviceNumber, descriptors, @object);
        devices[busPath] = device;
        MachineSysfs.WriteAttribute(directory, "busnum", bus.ToString(CultureInfo.InvariantCulture));
        MachineSysfs.WriteAttribute(directory, "devnum", deviceNumber.ToString(CultureInfo.InvariantCulture));
        MachineSysfs.Link(Path.Combine(directory, "subsystem"), Path.Combine(SysRoot, "bus", "usb"));
        MachineSysfs.WriteUeventFile(directory, @object.UeventFileProperties(null));
        Raise(@object, UeventAction.Add, null);
        if (Options.ConfigurationChoiceDelay > TimeSpan.Zero)
        {
            await Task.Delay(Options.ConfigurationChoiceDelay).ConfigureAwait(false);
        }
        await SetConfigurationAsync(device, KernelConfigurationChoice.Predict(descriptors), kernelChoice: true).ConfigureAwait(false);
        MachineSysfs.Link(Path.Combine(directory, "driver"), EnsureDriver("usb"));
        MachineSysfs.WriteUeventFile(directory, @object.UeventFileProperties("usb"));
        Raise(@object, UeventAction.Bind, "usb");
        Log($"usb {busPath}: new device {descriptors.Id} ({descriptors.Product}), configuration {device.Configuration}");
    }

    /// <summary>A device leaves: its interfaces go (class devices first), then "unbind" and "remove" of the device.</summary>
    private async Task RemoveDeviceAsync(PluggedDevice device)
    {
        await RemoveInterfacesAsync(device).ConfigureAwait(false);
        MachineSysfs.Unlink(Path.Combine(device.Object.Directory, "driver"));
        Raise(device.Object, UeventAction.Unbind, null);
        Raise(device.Object, UeventAction.Remove, null);
        MachineSysfs.Unlink(Path.Combine(device.Object.Directory, "subsystem"));
        tree.RemoveDevice(device.BusPath);
        devices.Remove(device.BusPath);
        Log($"usb {device.BusPath}: USB disconnect, device number {device.DeviceNumber}");
    }

    /// <summary>The modem switched composition and rebooted: it leaves the bus and comes back with its new product id.</summary>
    private async Task ReenumerateAsync(string busPath, SimulatedModem modem)
    {
        if (!devices.TryGetValue(busPath, out var device) || device.Modem != modem)
        {
            return; // unplugged meanwhile
        }
        await RemoveDeviceAsync(device).ConfigureAwait(false);
        await AddDeviceAsync(modem, busPath).ConfigureAwait(false);
        Device(busPath)?.Publish(devices[busPath]);
    }

    /// <summary>
    /// usb_set_configuration (drivers/usb/core/message.c): the old configuration's interfaces are
    /// removed (their drivers unbound first), the new one's are added and drivers probe them.
    /// 0 leaves the device unconfigured. With <paramref name="kernelChoice"/> (the generic driver's probe right
    /// after "add"), a value a host wrote since the "add" is kept in the file, so the control loop applies it
    /// next: the real bConfigurationValue store (drivers/usb/core/sysfs.c) waits for the device lock the probe
    /// holds and then sets the host's configuration; it is not lost under the kernel's choice.
    /// </summary>
    private async Task SetConfigurationAsync(PluggedDevice device, int value, bool kernelChoice = false)
    {
        await RemoveInterfacesAsync(device).ConfigureAwait(false);
        // Before the kernel's choice the device is unconfigured and the file empty: any text in it is a host's write.
        var hostWrote = kernelChoice && File.ReadAllText(Path.Combine(device.Object.Directory, "bConfigurationValue")).Trim().Length > 0;
        device.Configuration = value;
        if (!hostWrote)
        {
            MachineSysfs.WriteAttribute(device.Object.Directory, "bConfigurationValue", device.ConfigurationText);
        }
        if (device.ActiveConfiguration is not { } configuration)
        {
            device.Roles = [];
            return;
        }
        var knowledge = KnowledgeBase.Embedded.Find(device.Device.VendorId, device.Device.ProductId, device.Device.BcdDevice, value);
        device.Roles = InterfaceClassifier.Classify(device.Device with { ActiveConfiguration = value }, configuration, knowledge, KnowledgeBase.Embedded);
        foreach (var setting in configuration.Interfaces.Where(i => i.AlternateSetting == 0))
        {
            var directory = tree.AddInterface(device.Object.Directory, device.BusPath, value, setting);
            var name = Path.GetFileName(directory);
            var @object = new KernelObject(directory, DevPathOf(directory), "usb", KernelObjectProperties.UsbInterface(device.Device, setting));
            device.Interfaces[setting.Number] = new BoundInterface(setting.Number, name, @object);
            MachineSysfs.Link(Path.Combine(directory, "subsystem"), Path.Combine(SysRoot, "bus", "usb"));
            MachineSysfs.Link(Path.Combine(SysRoot, "bus", "usb", "devices", name), directory);
            MachineSysfs.WriteUeventFile(directory, @object.UeventFileProperties(null));
            Raise(@object, UeventAction.Add, null);
        }
        foreach (var @interface in device.Interfaces.Values)
        {
            ProbeAllDrivers(device, @interface);
        }
    }

    private async Task RemoveInterfacesAsync(PluggedDevice device)
    {
        foreach (var @interface in device.Interfaces.Values)
        {
            if (@interface.Driver is not null && @interface.ClaimedBy is null)
            {
                await UnbindAsync(device, @interface).ConfigureAwait(false);
            }
        }
        foreach (var @interface in device.Interfaces.Values)
        {
            if (@interface.Driver is not null)
            {
                await UnbindAsync(device, @interface).ConfigureAwait(false);
            }
            Raise(@interface.Object, UeventAction.Remove, null);
            MachineSysfs.Unlink(Path.Combine(SysRoot, "bus", "usb", "devices", @interface.Name));
            MachineSysfs.DeleteTree(@interface.Object.Directory);
        }
        device.Interfaces.Clear();
    }

    /// <summary>"/devices/usb1/1-6/1-6:1.4": the directory relative to the sysfs root.</summary>
    private string DevPathOf(string directory) => "/" + Path.GetRelativePath(SysRoot, directory).Replace('\\', '/');

    /// <summary>The knowledge base's facts for the device's active configuration.</summary>
    private static DeviceKnowledge? KnowledgeOf(PluggedDevice device) =>
        KnowledgeBase.Embedded.Find(device.Device.VendorId, device.Device.ProductId, device.Device.BcdDevice, device.Configuration);
}
