using WwanDaemon.Usb.Model;
using WwanDaemon.Usb.Text;

namespace WwanDaemon.Usb.Tests;

public class LsusbVerboseReaderTests
{
    [Fact]
    public void Sim7600_LsusbAndDebugfs_GiveTheSameModelOnTheFieldsBothCarry()
    {
        var fromLsusb = Assert.Single(UsbDumpReader.Read(Fixtures.Read("formats/sim7600-9011.lsusb.txt"), "lsusb"));
        var fromDebugfs = Assert.Single(UsbDumpReader.Read(Fixtures.Read("seeds/seed-000-sim7600g-h-1e0e-9011.txt"), "debugfs"));

        Assert.False(fromLsusb.DriversKnown);
        Assert.Null(fromLsusb.ActiveConfiguration);
        // lsusb -v tells neither speed, active configuration nor drivers; debugfs tells no CDC functional descriptors.
        Assert.Equal(
            ModelComparison.DescriptorsOnly(fromDebugfs),
            ModelComparison.DescriptorsOnly(fromLsusb));
    }

    [Fact]
    public void CdcMbimSection_ReadsMaxControlMessage()
    {
        const string text = """
            Device Descriptor:
              idVendor           0x1199
              idProduct          0x9071
              bcdDevice            0.06
              bNumConfigurations      2
              Configuration Descriptor:
                bConfigurationValue     2
                bmAttributes         0xa0
                MaxPower              500mA
                Interface Descriptor:
                  bInterfaceNumber       12
                  bAlternateSetting       0
                  bNumEndpoints           1
                  bInterfaceClass         2 Communications
                  bInterfaceSubClass     14
                  bInterfaceProtocol      0
                  CDC Header:
                    bcdCDC               1.10
                  CDC Union:
                    bMasterInterface        12
                    bSlaveInterface         13
                  CDC MBIM:
                    bcdMBIMVersion       1.00
                    wMaxControlMessage   4096
                    bNumberFilters         32
                    bMaxFilterSize        128
                    wMaxSegmentSize      2048
                    bmNetworkCapabilities 0x20
                  CDC MBIM Extended:
                    bcdMBIMExtendedVersion           1.00
                    bMaxOutstandingCommandMessages     64
                    wMTU                             1500
                  Endpoint Descriptor:
                    bEndpointAddress     0x82  EP 2 IN
                    bmAttributes            3
                    wMaxPacketSize     0x0040  1x 64 bytes
                    bInterval               9
            """;

        var mbim = Assert.Single(LsusbVerboseReader.Read(text, "mbim")).Configuration(2)!.Describing(12)!;

        Assert.Equal(new UsbClassTriple(0x02, 0x0e, 0x00), mbim.Class);
        Assert.Equal(new CdcMbimFunctional(0x0100, 4096, 32, 128, 2048, 0x20), mbim.Cdc!.Mbim);
        Assert.Equal((ushort?)0x0100, mbim.Cdc.MbimExtendedVersion);
        Assert.Equal(new CdcUnion(12, EquatableList.Of<byte>(13)), mbim.Cdc.Union);
        Assert.Equal((ushort?)0x0110, mbim.Cdc.CdcVersion);
    }

    [Fact]
    public void BadNumber_FailsNamingTheLine()
    {
        var error = Assert.Throws<UsbFormatException>(() => LsusbVerboseReader.Read("Device Descriptor:\n  idVendor  0xzz12\n", "lsusb.txt"));

        Assert.Equal(2, error.Line);
        Assert.Contains("idVendor", error.Message, StringComparison.Ordinal);
    }
}

public class CrossFormatTests
{
    [Fact]
    public void FibocomFm101_RealLsusbAndDebugfsFromOnePatch_GiveTheSameModel()
    {
        // Both dumps come from one linux-usb patch (tests/fixtures/dumps/corpus.json has the citation).
        var fromLsusb = Assert.Single(UsbDumpReader.Read(Fixtures.Read("dumps/fibocom-fm101-gl-2cb7-01a2-lsusb.txt"), "lsusb"));
        var fromDebugfs = Assert.Single(UsbDumpReader.Read(Fixtures.Read("dumps/fibocom-fm101-gl-2cb7-01a2-mbim.txt"), "debugfs"));

        // The patch's debugfs block has no E: lines, so endpoints are compared only where both have them.
        Assert.All(fromDebugfs.Configurations[0].Interfaces, i => Assert.Empty(i.Endpoints));
        var (expected, actual) = (ModelComparison.DescriptorsOnly(fromDebugfs, withoutEndpoints: true), ModelComparison.DescriptorsOnly(fromLsusb, withoutEndpoints: true));
        Assert.True(expected == actual, ModelDifferences.Describe(expected, actual));
        Assert.Equal(fromDebugfs.Product, fromLsusb.Product);
        // lsusb adds what debugfs cannot show: the MBIM functional descriptor.
        Assert.NotNull(fromLsusb.Configurations[0].Describing(0)!.Cdc!.Mbim);
    }
}
