using WwanDaemon.Devices.Inventory;
using WwanDaemon.Simulator.Sysfs;
using WwanDaemon.Usb;

namespace WwanDaemon.Devices.Tests;

public class DeviceInventoryTests
{
    /// <summary>Seed 002's MC8355 (1199:9013) as Ubuntu enumerates it: QMI on 0, serial ports on 1-3.</summary>
    private static FakeSysfsTree Mc8355(TemporaryDirectory root)
    {
        var tree = new FakeSysfsTree(root.Sys);
        tree.AddDevice(SeedDevices.Enumerated(SeedDevices.Load("seed-002"), "1-1", 1,
            new Dictionary<int, string> { [0] = "qmi_wwan", [1] = "qcserial", [2] = "qcserial", [3] = "qcserial" }), "1-1");
        tree.AddCdcWdm("1-1:1.0", "cdc-wdm0");
        tree.AddNetworkInterface("1-1:1.0", "wwan0");
        tree.AddSerialTty("1-1:1.1", "ttyUSB0");
        tree.AddSerialTty("1-1:1.2", "ttyUSB1");
        tree.AddSerialTty("1-1:1.3", "ttyUSB2");
        return tree;
    }

    [Fact]
    public void Read_Mc8355_GroupsCdcWdmNetAndTtysUnderTheDevice()
    {
        using var root = new TemporaryDirectory();
        var tree = Mc8355(root);

        var device = new DeviceInventory(root.Sys, root.Dev).Read("1-1");

        Assert.NotNull(device);
        Assert.Equal(("1-1", tree.DevicePath("1-1"), "1199:9013", 1), (device.BusPath, device.SysfsPath, device.Device.Id, device.Device.ActiveConfiguration));
        Assert.Equal(
            [
                new DevicePort("cdc-wdm0", DevicePortKind.CdcWdm, 0, "qmi_wwan", Path.Combine(root.Dev, "cdc-wdm0")),
                new DevicePort("wwan0", DevicePortKind.Net, 0, "qmi_wwan", null),
                new DevicePort("ttyUSB0", DevicePortKind.Tty, 1, "qcserial", Path.Combine(root.Dev, "ttyUSB0")),
                new DevicePort("ttyUSB1", DevicePortKind.Tty, 2, "qcserial", Path.Combine(root.Dev, "ttyUSB1")),
                new DevicePort("ttyUSB2", DevicePortKind.Tty, 3, "qcserial", Path.Combine(root.Dev, "ttyUSB2")),
            ],
            device.Ports);
    }

    [Fact]
    public void Read_CdcAcmTty_IsATtyPort()
    {
        using var root = new TemporaryDirectory();
        var tree = new FakeSysfsTree(root.Sys);
        tree.AddDevice(SeedDevices.Lt4112("2-6", 2), "2-6");
        tree.BindDriver("2-6:2.0", "cdc_acm");
        tree.AddAcmTty("2-6:2.0", "ttyACM0");

        var device = new DeviceInventory(root.Sys, root.Dev).Read("2-6");

        Assert.Contains(new DevicePort("ttyACM0", DevicePortKind.Tty, 0, "cdc_acm", Path.Combine(root.Dev, "ttyACM0")), device!.Ports);
    }

    [Fact]
    public void BusPaths_ListsDevicesNotRootHubsOrInterfaces()
    {
        using var root = new TemporaryDirectory();
        var tree = Mc8355(root);
        tree.AddDevice(SeedDevices.Lt4112("2-1.4", 2), "2-1.4");
        Directory.CreateDirectory(Path.Combine(root.Sys, "bus", "usb", "devices", "usb1"));
        File.CreateSymbolicLink(Path.Combine(root.Sys, "bus", "usb", "devices", "1-1:1.0"), tree.InterfacePath("1-1:1.0"));

        Assert.Equal(["1-1", "2-1.4"], new DeviceInventory(root.Sys, root.Dev).BusPaths());
    }

    [Fact]
    public void BusPaths_NoUsbBus_IsEmpty()
    {
        using var root = new TemporaryDirectory();

        Assert.Empty(new DeviceInventory(root.Sys, root.Dev).BusPaths());
    }

    [Fact]
    public void Read_Unplugged_IsNull()
    {
        using var root = new TemporaryDirectory();
        var tree = Mc8355(root);
        tree.RemoveDevice("1-1");

        Assert.Null(new DeviceInventory(root.Sys, root.Dev).Read("1-1"));
        Assert.Null(new DeviceInventory(root.Sys, root.Dev).Read("9-9"));
    }

    [Fact]
    public void Read_MalformedAttribute_ThrowsNamingTheFile()
    {
        using var root = new TemporaryDirectory();
        var tree = Mc8355(root);
        File.WriteAllText(Path.Combine(tree.DevicePath("1-1"), "idVendor"), "zz\n");

        var failure = Assert.Throws<UsbFormatException>(() => new DeviceInventory(root.Sys, root.Dev).Read("1-1"));

        Assert.Contains("idVendor", failure.Message, StringComparison.Ordinal);
    }
}
