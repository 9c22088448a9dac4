using WwanDaemon.Usb.Model;
using WwanDaemon.Usb.Text;

namespace WwanDaemon.Usb.Tests;

public class DevicesFileReaderTests
{
    private const string Seed000 = "seeds/seed-000-sim7600g-h-1e0e-9011.txt";
    private const string Seed002 = "seeds/seed-002-mc8355-1199-9013.txt";

    [Fact]
    public void Seed000_ForumThread_ReadsTheOneDeviceWithAllFields()
    {
        var device = Assert.Single(DevicesFileReader.Read(Fixtures.Read(Seed000), Seed000));

        Assert.Equal(0x1e0e, device.VendorId);
        Assert.Equal(0x9011, device.ProductId);
        Assert.Equal(0x0318, device.BcdDevice);
        Assert.Equal("SimTech, Incorporated", device.Manufacturer);
        Assert.Equal("0123456789ABCDEF", device.SerialNumber);
        Assert.Equal("480", device.Speed);
        Assert.Equal(1, device.ActiveConfiguration);
        Assert.Null(device.BusPath); // Lev=02 and its parent hub is not in the paste
        var configuration = Assert.Single(device.Configurations);
        Assert.Equal(0xa0, configuration.Attributes);
        Assert.Equal(500, configuration.MaxPowerMilliamps);
        Assert.Equal(new UsbInterfaceAssociation(0, 2, new UsbClassTriple(0x02, 0x06, 0x00)), Assert.Single(configuration.Associations));
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], configuration.InterfaceNumbers);
        var rndis = configuration.Describing(0)!;
        Assert.Equal(new UsbClassTriple(0x02, 0x02, 0xff), rndis.Class);
        // E:  Ad=82(I) Atr=03(Int.) MxPS=   8 Ivl=32ms at 480 Mbit/s: 2^(9-1) * 125 us = 32 ms.
        Assert.Equal(new UsbEndpoint(0x82, UsbTransferType.Interrupt, 8, 9), Assert.Single(rndis.Endpoints));
        Assert.Null(rndis.Driver);
        Assert.True(device.DriversKnown);
        var at = configuration.Describing(4)!;
        Assert.Equal(1, at.InterruptInCount);
        Assert.True(at.HasBulkPair);
    }

    [Fact]
    public void Seed002_CollapsedWhitespace_ReadsTopologyAndFourInterfaces()
    {
        var device = Assert.Single(DevicesFileReader.Read(Fixtures.Read(Seed002), Seed002));

        Assert.Equal("1199:9013", device.Id);
        Assert.Equal("1-1", device.BusPath);
        Assert.Equal("Sierra Wireless MC8355 - Gobi 3000(TM) Module", device.Product);
        Assert.Equal(0x0002, device.BcdDevice);
        Assert.Equal([0, 1, 2, 3], device.Active!.InterfaceNumbers);
        // Bulk OUT "Ivl=4ms" at high speed is a NAK rate of 32 microframes.
        Assert.Equal(new UsbEndpoint(0x01, UsbTransferType.Bulk, 512, 32), device.Active.Describing(0)!.Endpoints[2]);
    }

    [Fact]
    public void UsbDevicesNewFormat_HexInterfaceNumbersAndNoEndpoints_ReadsDriversAndActiveConfiguration()
    {
        var device = Assert.Single(DevicesFileReader.Read(Fixtures.Read("formats/sim7600-9011.usb-devices-new.txt"), "usb-devices"));

        Assert.Equal(1, device.ActiveConfiguration);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6], device.Active!.InterfaceNumbers);
        Assert.Equal("rndis_host", device.Active.Describing(0)!.Driver);
        Assert.Equal("option", device.Active.Describing(6)!.Driver);
        Assert.Empty(device.Active.Describing(4)!.Endpoints);
    }

    [Fact]
    public void Paste_WithoutFirstPrefixAndWithCrlf_ReadsTheSameDevice()
    {
        var original = Fixtures.Read(Seed000);
        var expected = Assert.Single(DevicesFileReader.Read(original, "original"));
        var block = original[original.IndexOf("T:", StringComparison.Ordinal)..];
        var mangled = block[(block.IndexOf("Bus=", StringComparison.Ordinal))..].Replace("\n", "\r\n", StringComparison.Ordinal);

        var device = Assert.Single(DevicesFileReader.Read(mangled, "mangled"));

        Assert.Equal(expected, device);
    }

    [Fact]
    public void SeveralDevices_WithHubs_AssignsBusPathsThroughParents()
    {
        const string text = """
            T:  Bus=02 Lev=00 Prnt=00 Port=00 Cnt=00 Dev#=  1 Spd=480  MxCh= 6
            D:  Ver= 2.00 Cls=09(hub  ) Sub=00 Prot=01 MxPS=64 #Cfgs=  1
            P:  Vendor=1d6b ProdID=0002 Rev= 6.01
            T:  Bus=02 Lev=01 Prnt=01 Port=03 Cnt=01 Dev#=  2 Spd=480  MxCh= 4
            D:  Ver= 2.00 Cls=09(hub  ) Sub=00 Prot=02 MxPS=64 #Cfgs=  1
            P:  Vendor=05e3 ProdID=0610 Rev= 6.56
            T:  Bus=02 Lev=02 Prnt=02 Port=01 Cnt=01 Dev#=  5 Spd=480  MxCh= 0
            D:  Ver= 2.00 Cls=00(>ifc ) Sub=00 Prot=00 MxPS=64 #Cfgs=  1
            P:  Vendor=2c7c ProdID=0125 Rev= 3.18
            C:* #Ifs= 1 Cfg#= 1 Atr=a0 MxPwr=500mA
            I:* If#= 4 Alt= 0 #EPs= 3 Cls=ff(vend.) Sub=ff Prot=ff Driver=qmi_wwan
            E:  Ad=89(I) Atr=03(Int.) MxPS=   8 Ivl=32ms
            E:  Ad=88(I) Atr=02(Bulk) MxPS= 512 Ivl=0ms
            E:  Ad=05(O) Atr=02(Bulk) MxPS= 512 Ivl=0ms
            """;

        var devices = DevicesFileReader.Read(text, "three");

        Assert.Equal(3, devices.Count);
        Assert.Null(devices[0].BusPath); // the root hub is "usb2", not a port path
        Assert.Equal("2-4", devices[1].BusPath);
        Assert.Equal("2-4.2", devices[2].BusPath);
        Assert.Equal("qmi_wwan", devices[2].Active!.Describing(4)!.Driver);
    }

    [Theory]
    [InlineData("I:* If#= x Alt= 0 #EPs= 1 Cls=02(comm.) Sub=02 Prot=ff Driver=(none)", 3, "If#")]
    [InlineData("E:  Ad=zz(I) Atr=03(Int.) MxPS=   8 Ivl=32ms", 3, "Ad=zz")]
    [InlineData("A:  FirstIf#= 0 IfCount= 2 Cls=0g(comm.) Sub=06 Prot=00", 3, "Cls=0g")]
    public void MalformedRecord_FailsNamingTheLine(string badLine, int lineNumber, string mention)
    {
        var text = "P:  Vendor=1e0e ProdID=9011 Rev= 3.18\nC:* #Ifs= 7 Cfg#= 1 Atr=a0 MxPwr=500mA\n" + badLine + "\n";

        var error = Assert.Throws<UsbFormatException>(() => DevicesFileReader.Read(text, "paste.txt"));

        Assert.Equal(lineNumber, error.Line);
        Assert.Contains("paste.txt, line " + lineNumber, error.Message, StringComparison.Ordinal);
        Assert.Contains(mention, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InterfaceBeforeConfiguration_FailsNamingTheLine()
    {
        var error = Assert.Throws<UsbFormatException>(() => DevicesFileReader.Read("P:  Vendor=1e0e ProdID=9011\nI:  If#= 0 Alt= 0 #EPs= 1 Cls=02 Sub=02 Prot=ff\n", "x"));

        Assert.Equal(2, error.Line);
        Assert.Contains("before any configuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForumTextOnly_FailsSayingWhatToPaste()
    {
        var error = Assert.Throws<UsbFormatException>(() => UsbDumpReader.Read("It does not work, please help!\r\nThanks", "post.txt"));

        Assert.Contains("usb-devices", error.Message, StringComparison.Ordinal);
    }
}
