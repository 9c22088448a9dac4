using WwanDaemon.Usb.Text;

namespace WwanDaemon.Usb.Tests;

/// <summary>What people paste around and inside dumps, and values no device can have.</summary>
public class PastedTextTests
{
    private const string Device = """
        T:  Bus=01 Lev=01 Prnt=01 Port=05 Cnt=01 Dev#=  4 Spd=480  MxCh= 0
        P:  Vendor=2c7c ProdID=0125 Rev= 3.18
        C:* #Ifs= 1 Cfg#= 1 Atr=a0 MxPwr=500mA
        I:* If#= 4 Alt= 0 #EPs= 1 Cls=ff(vend.) Sub=ff Prot=ff Driver=qmi_wwan
        E:  Ad=89(I) Atr=03(Int.) MxPS=   8 Ivl=32ms
        """;

    [Theory]
    [InlineData("E: Unable to locate package usb-modeswitch")]
    [InlineData("A: paste your devices file, please")]
    [InlineData("C:\\Users\\me> usbview")]
    [InlineData("S: Product=the forum software ate my line")]
    [InlineData("I: think it is the wrong driver")]
    public void ForumLinesWithARecordLikePrefix_AreSkipped(string forumLine)
    {
        var device = Assert.Single(DevicesFileReader.Read(forumLine + "\n" + Device + "\n" + forumLine + "\n", "post"));

        Assert.Equal("2c7c:0125", device.Id);
        Assert.Equal("qmi_wwan", device.Active!.Describing(4)!.Driver);
    }

    [Theory]
    [InlineData("A:  FirstIf#= 0 IfCount= 2000000000 Cls=02(comm.) Sub=06 Prot=00", "IfCount")]
    [InlineData("I:* If#= -1 Alt= 0 #EPs= 1 Cls=ff(vend.) Sub=ff Prot=ff Driver=(none)", "If#")]
    [InlineData("I:* If#= 300 Alt= 0 #EPs= 1 Cls=ff(vend.) Sub=ff Prot=ff Driver=(none)", "If#")]
    [InlineData("C:* #Ifs= 1 Cfg#= -1 Atr=a0 MxPwr=500mA", "Cfg#")]
    [InlineData("E:  Ad=89(I) Atr=03(Int.) MxPS= -512 Ivl=32ms", "MxPS")]
    public void ImpossibleValues_FailNamingTheLine(string badLine, string field)
    {
        var text = "P:  Vendor=2c7c ProdID=0125 Rev= 3.18\nC:* #Ifs= 1 Cfg#= 1 Atr=a0 MxPwr=500mA\nI:* If#= 4 Alt= 0 #EPs= 1 Cls=ff(vend.) Sub=ff Prot=ff Driver=qmi_wwan\n" + badLine + "\n";

        var error = Assert.Throws<UsbFormatException>(() => DevicesFileReader.Read(text, "paste"));

        Assert.Equal(4, error.Line);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VendorIdWiderThanSixteenBits_Fails()
    {
        var error = Assert.Throws<UsbFormatException>(() => DevicesFileReader.Read("P:  Vendor=ffffffff ProdID=0125 Rev= 3.18\n", "paste"));

        Assert.Equal(1, error.Line);
        Assert.Contains("Vendor=ffffffff", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LsusbUnionWithTwoSubordinates_KeepsBoth()
    {
        const string text = """
            Device Descriptor:
              idVendor           0x1234
              idProduct          0x5678
              Configuration Descriptor:
                bConfigurationValue     1
                Interface Descriptor:
                  bInterfaceNumber        0
                  bInterfaceClass         2 Communications
                  bInterfaceSubClass     13
                  CDC Union:
                    bMasterInterface        0
                    bSlaveInterface         1 2
            """;

        var union = Assert.Single(LsusbVerboseReader.Read(text, "lsusb")).Configurations[0].Describing(0)!.Cdc!.Union!;

        Assert.Equal([1, 2], union.SubordinateInterfaces.Select(b => (int)b));
    }

    [Fact]
    public void LsusbByteFieldOutOfRange_FailsNamingTheLine()
    {
        var error = Assert.Throws<UsbFormatException>(() => LsusbVerboseReader.Read("Device Descriptor:\n  idVendor 0x1234\n  idProduct 0x5678\n  Configuration Descriptor:\n    bConfigurationValue   300\n", "lsusb"));

        Assert.Equal(5, error.Line);
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UsbDevicesGlobOrder_InterfacesComeOutInNumberOrder()
    {
        const string text = """
            P:  Vendor=1234 ProdID=5678 Rev=01.00
            C:  #Ifs=12 Cfg#= 1 Atr=a0 MxPwr=500mA
            I:  If#=0x0 Alt= 0 #EPs= 2 Cls=ff(vend.) Sub=ff Prot=ff Driver=option
            I:  If#=0x1 Alt= 0 #EPs= 2 Cls=ff(vend.) Sub=ff Prot=ff Driver=option
            I:  If#=0xa Alt= 0 #EPs= 2 Cls=ff(vend.) Sub=ff Prot=ff Driver=option
            I:  If#=0x2 Alt= 0 #EPs= 2 Cls=ff(vend.) Sub=ff Prot=ff Driver=option
            """;

        var device = Assert.Single(DevicesFileReader.Read(text, "usb-devices"));

        Assert.Equal([0, 1, 2, 10], device.Active!.Interfaces.Select(i => i.Number));
    }
}
