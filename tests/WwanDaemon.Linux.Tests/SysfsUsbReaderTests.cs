using WwanDaemon.Linux.Sysfs;
using WwanDaemon.Simulator.Sysfs;
using WwanDaemon.Usb;
using WwanDaemon.Usb.Model;
using WwanDaemon.Usb.Text;

namespace WwanDaemon.Linux.Tests;

public class SysfsUsbReaderTests
{
    private static UsbDevice Seed(string prefix)
    {
        var file = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "seeds"), prefix + "*.txt").Single();
        return Assert.Single(UsbDumpReader.Read(File.ReadAllText(file), file));
    }

    [Fact]
    public void FakeTree_FromSeed004Dump_ReadsBackEveryConfigurationAndTheBoundDrivers()
    {
        using var root = new TemporaryDirectory();
        var expected = Seed("seed-004") with { BusPath = "2-6" };
        new FakeSysfsTree(root.Path).AddDevice(expected, "2-6");

        var device = new SysfsUsbReader(root.Path).Read("2-6");

        // The descriptors file carries all three configurations; the interface directories the drivers.
        Assert.Equal(expected, device);
        Assert.Equal(3, device.Configurations.Count);
        Assert.Equal("qcserial", device.Active!.Describing(0)!.Driver);
    }

    [Fact]
    public void ReadAll_SkipsRootHubsAndInterfaces()
    {
        using var root = new TemporaryDirectory();
        var tree = new FakeSysfsTree(root.Path);
        tree.AddDevice(Seed("seed-000") with { BusPath = "1-1.2" }, "1-1.2");
        tree.AddDevice(Seed("seed-002") with { BusPath = "1-1" }, "1-1");
        Directory.CreateDirectory(Path.Combine(root.Path, "bus", "usb", "devices", "usb1"));

        var devices = new SysfsUsbReader(root.Path).ReadAll();

        Assert.Equal(["1-1", "1-1.2"], devices.Select(d => d.BusPath));
    }

    [Fact]
    public void WithoutDescriptorsFile_RebuildsTheActiveConfigurationFromDirectories()
    {
        using var root = new TemporaryDirectory();
        var seed = Seed("seed-002") with { BusPath = "1-1" };
        var directory = new FakeSysfsTree(root.Path).AddDevice(seed, "1-1");
        File.Delete(Path.Combine(directory, "descriptors"));

        var device = new SysfsUsbReader(root.Path).Read("1-1");

        var configuration = Assert.Single(device.Configurations);
        Assert.Equal(seed.Active!.Interfaces.Select(i => (i.Number, i.Class, i.Endpoints.Count)), configuration.Interfaces.Select(i => (i.Number, i.Class, i.Endpoints.Count)));
        Assert.Equal(seed.Active.Describing(0)!.Endpoints.OrderBy(e => e.Address), configuration.Describing(0)!.Endpoints);
    }

    [Fact]
    public void MissingIdVendor_FailsNamingTheFile()
    {
        using var root = new TemporaryDirectory();
        var directory = new FakeSysfsTree(root.Path).AddDevice(Seed("seed-002"), "1-1");
        File.Delete(Path.Combine(directory, "idVendor"));

        var error = Assert.Throws<UsbFormatException>(() => new SysfsUsbReader(root.Path).Read("1-1"));

        Assert.Contains("idVendor", error.Message, StringComparison.Ordinal);
        Assert.Contains("is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedDescriptorsFile_FailsNamingTheFile()
    {
        using var root = new TemporaryDirectory();
        var directory = new FakeSysfsTree(root.Path).AddDevice(Seed("seed-002"), "1-1");
        var descriptors = Path.Combine(directory, "descriptors");
        File.WriteAllBytes(descriptors, File.ReadAllBytes(descriptors)[..40]);

        var error = Assert.Throws<UsbFormatException>(() => new SysfsUsbReader(root.Path).Read("1-1"));

        Assert.Contains(Path.Combine(root.Path, "bus", "usb", "devices", "1-1", "descriptors"), error.Message, StringComparison.Ordinal);
        Assert.Contains("wTotalLength", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRoot_FailsSayingWhatWasExpected()
    {
        var error = Assert.Throws<UsbFormatException>(() => new SysfsUsbReader("/nonexistent-sysfs").ReadAll());

        Assert.Contains("normally /sys", error.Message, StringComparison.Ordinal);
    }
}
