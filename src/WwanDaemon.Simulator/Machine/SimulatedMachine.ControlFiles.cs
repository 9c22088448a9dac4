using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WwanDaemon.Linux.Files;

namespace WwanDaemon.Simulator.Machine;

public sealed partial class SimulatedMachine
{
    private enum ControlKind
    {
        Bind,
        Unbind,
        NewId,
    }

    private readonly Dictionary<string, (NamedPipeFile Pipe, ControlKind Kind, string Driver)> controlPipes = new(StringComparer.Ordinal);

    /// <summary>SYSROOT/bus/usb/drivers/NAME with its bind, unbind and (except usb-serial drivers, whose new_id is on their own bus) new_id.</summary>
    private string EnsureDriver(string driver)
    {
        var directory = Path.Combine(SysRoot, "bus", "usb", "drivers", driver);
        if (Directory.Exists(directory))
        {
            return directory;
        }
        Directory.CreateDirectory(directory);
        AddControlPipe(Path.Combine(directory, "bind"), ControlKind.Bind, driver);
        AddControlPipe(Path.Combine(directory, "unbind"), ControlKind.Unbind, driver);
        if (Composition.Classification.KernelDrivers.IsSerialDriver(driver))
        {
            EnsureSerialDriver(SerialDriverName(driver));
        }
        else
        {
            AddControlPipe(Path.Combine(directory, "new_id"), ControlKind.NewId, driver);
        }
        return directory;
    }

    /// <summary>SYSROOT/bus/usb-serial/drivers/NAME (option1, qcserial, ...) with new_id (drivers/usb/serial/bus.c new_id_store).</summary>
    private string EnsureSerialDriver(string serialDriver)
    {
        var directory = Path.Combine(SysRoot, "bus", "usb-serial", "drivers", serialDriver);
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            var usbDriver = KnownDrivers.Concat(["zte_ev", "ipw", "moto_modem"]).FirstOrDefault(d => SerialDriverName(d) == serialDriver) ?? serialDriver;
            AddControlPipe(Path.Combine(directory, "new_id"), ControlKind.NewId, usbDriver);
        }
        return directory;
    }

    private void AddControlPipe(string path, ControlKind kind, string driver) =>
        controlPipes[path] = (NamedPipeFile.Create(path), kind, driver);

    private void DisposeDriverPipes()
    {
        foreach (var (pipe, _, _) in controlPipes.Values)
        {
            pipe.Dispose();
        }
        controlPipes.Clear();
    }

    private async Task PollControlFilesAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(ControlPollInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await kernel.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!disposed)
                {
                    await ApplyControlWritesAsync().ConfigureAwait(false);
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                lock (logGate)
                {
                    backgroundFailures.Add(new InvalidOperationException($"applying control-file writes failed: {failure.Message}", failure));
                }
            }
            finally
            {
                kernel.Release();
            }
        }
    }

    /// <summary>
    /// Applies every write made since the last check. Called with the kernel lock held. Writes to
    /// different files that arrived between two checks cannot be told apart in time, so they are
    /// applied in the order a host's rebinding makes them: unbind, bConfigurationValue, new_id, bind,
    /// raw_ip (several writes to one file keep their order).
    /// </summary>
    private async Task ApplyControlWritesAsync()
    {
        var written = controlPipes.Select(p => (Path: p.Key, p.Value.Kind, p.Value.Driver, Text: Encoding.UTF8.GetString(p.Value.Pipe.ReadAvailable())))
            .Where(w => w.Text.Length > 0)
            .ToArray();
        foreach (var (path, _, driver, text) in written.Where(w => w.Kind == ControlKind.Unbind))
        {
            foreach (var name in InterfaceNames(path, text))
            {
                await UnbindWriteAsync(path, driver, name).ConfigureAwait(false);
            }
        }
        foreach (var device in devices.Values.ToArray())
        {
            var file = Path.Combine(device.Object.Directory, "bConfigurationValue");
            var text = File.ReadAllText(file).Trim();
            if (text != device.ConfigurationText && !WriteInProgress(text))
            {
                await ConfigurationWriteAsync(device, file, text).ConfigureAwait(false);
            }
        }
        foreach (var (path, _, driver, text) in written.Where(w => w.Kind == ControlKind.NewId))
        {
            NewIdWrite(path, driver, text);
        }
        foreach (var (path, _, driver, text) in written.Where(w => w.Kind == ControlKind.Bind))
        {
            foreach (var name in InterfaceNames(path, text))
            {
                BindWrite(path, driver, name);
            }
        }
        foreach (var node in devices.Values.SelectMany(d => d.Interfaces.Values).SelectMany(i => i.Nodes).Where(n => n.RawIpFile is not null).ToArray())
        {
            var rawIp = File.ReadAllText(node.RawIpFile!).Trim();
            if (rawIp != (node.RawIp ? "Y" : "N") && !WriteInProgress(rawIp))
            {
                RawIpWrite(node, rawIp);
            }
        }
    }

    /// <summary>
    /// An empty file is a writer between its open (O_TRUNC) and its write: the next check sees the
    /// value. (An empty write to these attributes is nothing a host does; the kernel would refuse it.)
    /// </summary>
    private static bool WriteInProgress(string text) => text.Length == 0;

    /// <summary>The interface names in what was written ("1-6:3.0\n"; two writes may arrive together).</summary>
    private IReadOnlyList<string> InterfaceNames(string path, string written)
    {
        var names = InterfaceNamePattern().Matches(written).Select(m => m.Value).ToArray();
        if (names.Length == 0)
        {
            Fail(path, written, DriverBehaviour.ENODEV, "no device with that name on the usb bus (bus_find_device_by_name)");
        }
        return names;
    }

    /// <summary>bind_store (drivers/base/bus.c): the named device must exist, be unbound and match the driver's table; then the driver probes it.</summary>
    private void BindWrite(string path, string driver, string name)
    {
        if (FindInterface(name) is not var (device, @interface))
        {
            Fail(path, name, DriverBehaviour.ENODEV, $"no interface {name} on the usb bus");
            return;
        }
        if (@interface.Driver is { } bound)
        {
            Fail(path, name, DriverBehaviour.EBUSY, $"{name} is already bound to {bound}; unbind it first");
            return;
        }
        if (!MatchingDrivers(device, @interface).Contains(driver))
        {
            Fail(path, name, DriverBehaviour.ENODEV, $"{driver}'s id table (and its new_id entries) does not match {name}");
            return;
        }
        var outcome = TryBind(device, @interface, driver);
        if (!outcome.Accepted)
        {
            Fail(path, name, outcome.Errno, $"{driver} refused {name}: {outcome.Reason}");
        }
        Device(device.BusPath)?.Publish(device);
    }

    /// <summary>unbind_store: the named device must be bound to this driver.</summary>
    private async Task UnbindWriteAsync(string path, string driver, string name)
    {
        if (FindInterface(name) is not var (device, @interface) || @interface.Driver != driver)
        {
            Fail(path, name, DriverBehaviour.ENODEV, $"{name} is not bound to {driver}");
            return;
        }
        await UnbindAsync(device, @interface).ConfigureAwait(false);
        Device(device.BusPath)?.Publish(device);
    }

    /// <summary>usb_store_new_id: adds the id, then binds every unbound interface it matches (driver_attach); probe failures are logged, not returned.</summary>
    private void NewIdWrite(string path, string driver, string written)
    {
        foreach (var line in written.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (DynamicUsbId.TryParse(driver, line) is not { } id)
            {
                Fail(path, line, DriverBehaviour.EINVAL, "new_id takes \"VVVV PPPP [CC]\": vendor, product and optionally interface class, in hex");
                continue;
            }
            dynamicIds.Add(id);
            Log($"{driver}: new_id {line}");
            foreach (var device in devices.Values)
            {
                var configuration = device.ActiveConfiguration;
                foreach (var @interface in device.Interfaces.Values.Where(i => i.Driver is null && configuration is not null && id.Matches(device.Device, configuration.Describing(i.Number)!)).ToArray())
                {
                    if (@interface.Driver is null)
                    {
                        TryBind(device, @interface, driver);
                    }
                }
                Device(device.BusPath)?.Publish(device);
            }
        }
    }

    /// <summary>bConfigurationValue_store (drivers/usb/core/sysfs.c): a configuration the device has, 0 or -1 to unconfigure; the same value again changes nothing here.</summary>
    private async Task ConfigurationWriteAsync(PluggedDevice device, string file, string text)
    {
        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            || (value > 0 && device.Device.Configuration(value) is null) || value < -1)
        {
            MachineSysfs.WriteAttribute(device.Object.Directory, "bConfigurationValue", device.ConfigurationText);
            Fail(file, text, DriverBehaviour.EINVAL, $"{device.BusPath} has configurations {string.Join(", ", device.Device.Configurations.Select(c => c.Value))} (or 0 to unconfigure)");
            return;
        }
        value = Math.Max(value, 0);
        Log($"usb {device.BusPath}: set configuration {value}");
        await SetConfigurationAsync(device, value).ConfigureAwait(false);
        Device(device.BusPath)?.Publish(device);
    }

    /// <summary>qmi_wwan's raw_ip_store (kstrtobool): Y/y/1 or N/n/0; the netdev's type follows (ARPHRD_NONE 65534 for raw IP, ARPHRD_ETHER 1).</summary>
    private void RawIpWrite(ClassNode node, string text)
    {
        bool? rawIp = text switch
        {
            "Y" or "y" or "1" => true,
            "N" or "n" or "0" => false,
            _ => null,
        };
        if (rawIp is not { } value)
        {
            MachineSysfs.WriteAttribute(Path.GetDirectoryName(node.RawIpFile!)!, "raw_ip", node.RawIp ? "Y" : "N");
            Fail(node.RawIpFile!, text, DriverBehaviour.EINVAL, "raw_ip takes Y or N");
            return;
        }
        node.RawIp = value;
        MachineSysfs.WriteAttribute(Path.GetDirectoryName(node.RawIpFile!)!, "raw_ip", value ? "Y" : "N");
        MachineSysfs.WriteAttribute(node.Object.Directory, "type", value ? "65534" : "1");
        Log($"qmi_wwan {node.Name}: raw_ip {(value ? "Y" : "N")}");
    }

    private (PluggedDevice Device, BoundInterface Interface)? FindInterface(string name)
    {
        var busPath = name[..name.IndexOf(':', StringComparison.Ordinal)];
        return devices.TryGetValue(busPath, out var device) && device.Interfaces.Values.FirstOrDefault(i => i.Name == name) is { } @interface
            ? (device, @interface)
            : null;
    }

    private void Fail(string file, string written, int errno, string reason)
    {
        var failure = new KernelWriteFailure(file, written.Trim(), errno, reason);
        lock (logGate)
        {
            writeFailures.Add(failure);
            kernelLog.Add($"write '{failure.Written}' to {Path.GetRelativePath(SysRoot, file)} failed with -{errno}: {reason}");
        }
        WriteFailed?.Invoke(failure);
    }

    [GeneratedRegex(@"[0-9]+-[0-9.]+:[0-9]+\.[0-9]+")]
    private static partial Regex InterfaceNamePattern();
}
