using WwanDaemon.Usb.Descriptors;
using WwanDaemon.Usb.Model;
using WwanDaemon.Usb.Text;

namespace WwanDaemon.Usb.Tests;

public class UsbDescriptorParserTests
{
    // A device descriptor, then one configuration with an MBIM function:
    // config(9) IAD(8) if 0 (02/0e/00) header union MBIM ep 0x81 int | if 1 alt 0 (0a/00/02) | if 1 alt 1 + 2 bulk eps
    private static readonly byte[] MbimDevice =
    [
        0x12, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x40, // bLength, DEVICE, bcdUSB 2.00, class 00/00/00, bMaxPacketSize0 64
        0x99, 0x11, 0x71, 0x90, 0x06, 0x00,             // idVendor 1199, idProduct 9071, bcdDevice 0.06
        0x01, 0x02, 0x03, 0x01,                         // iManufacturer, iProduct, iSerial, bNumConfigurations 1
        0x09, 0x02, 0x57, 0x00, 0x02, 0x02, 0x00, 0xa0, 0xfa, // CONFIG wTotalLength 87, 2 ifs, value 2, attrs a0, 500 mA
        0x08, 0x0b, 0x00, 0x02, 0x02, 0x0e, 0x00, 0x00, // IAD first 0, count 2, 02/0e/00
        0x09, 0x04, 0x00, 0x00, 0x01, 0x02, 0x0e, 0x00, 0x00, // INTERFACE 0 alt 0, 1 ep, 02/0e/00
        0x05, 0x24, 0x00, 0x10, 0x01,                   // CDC header bcdCDC 1.10
        0x05, 0x24, 0x06, 0x00, 0x01,                   // CDC union: control 0, subordinate 1
        0x0c, 0x24, 0x1b, 0x00, 0x01, 0x00, 0x10, 0x20, 0x80, 0x00, 0x08, 0x20, // MBIM 1.00, wMaxControlMessage 4096, 32 filters, 128, 2048, caps 0x20
        0x07, 0x05, 0x81, 0x03, 0x40, 0x00, 0x09,       // EP 81 IN interrupt 64 bytes bInterval 9
        0x09, 0x04, 0x01, 0x00, 0x00, 0x0a, 0x00, 0x02, 0x00, // INTERFACE 1 alt 0, no eps, 0a/00/02
        0x09, 0x04, 0x01, 0x01, 0x02, 0x0a, 0x00, 0x02, 0x00, // INTERFACE 1 alt 1, 2 eps
        0x07, 0x05, 0x82, 0x02, 0x00, 0x02, 0x00,       // EP 82 IN bulk 512
        0x07, 0x05, 0x01, 0x02, 0x00, 0x02, 0x00,       // EP 01 OUT bulk 512
    ];

    [Fact]
    public void MbimConfiguration_AnnotatedBytes_ParsesEveryField()
    {
        var device = UsbDescriptorParser.Parse(MbimDevice, "descriptors");

        Assert.Equal("1199:9071", device.Id);
        Assert.Equal("2.00", device.UsbVersion);
        var configuration = Assert.Single(device.Configurations);
        Assert.Equal(2, configuration.Value);
        Assert.Equal(500, configuration.MaxPowerMilliamps);
        var control = configuration.Describing(0)!;
        Assert.Equal(new CdcMbimFunctional(0x0100, 4096, 32, 128, 2048, 0x20), control.Cdc!.Mbim);
        Assert.Equal(new CdcUnion(0, EquatableList.Of<byte>(1)), control.Cdc.Union);
        Assert.Equal(2, configuration.AlternateSettings(1).Count());
        Assert.Equal(1, configuration.Describing(1)!.AlternateSetting);
    }

    [Fact]
    public void WrittenDescriptors_ParseBackToTheSameDevice()
    {
        var device = UsbDescriptorParser.Parse(MbimDevice, "descriptors");

        var written = UsbDescriptorWriter.Write(device);

        Assert.Equal(device, UsbDescriptorParser.Parse(written, "written"));
        Assert.Equal(MbimDevice.Length, written.Length);
    }

    [Fact]
    public void DebugfsDump_WrittenAsDescriptors_ReadsBackTheSameDescriptorModel()
    {
        var fromText = Assert.Single(UsbDumpReader.Read(Fixtures.Read("seeds/seed-000-sim7600g-h-1e0e-9011.txt"), "seed"));

        var fromBinary = UsbDescriptorParser.Parse(UsbDescriptorWriter.Write(fromText), "written", fromText.Speed);

        Assert.Equal(ModelComparison.DescriptorsOnly(fromText), ModelComparison.DescriptorsOnly(fromBinary));
    }

    [Theory]
    [InlineData(0, "does not start with an 18-byte device descriptor")]
    [InlineData(10, "does not start with an 18-byte device descriptor")]
    [InlineData(20, "expected a configuration descriptor")]
    [InlineData(40, "claims wTotalLength 87")]
    public void Truncated_FailsWithOneExceptionType(int length, string message)
    {
        var error = Assert.Throws<UsbFormatException>(() => UsbDescriptorParser.Parse(MbimDevice.AsSpan(0, length), "descriptors"));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroLengthDescriptor_FailsInsteadOfLooping()
    {
        var broken = MbimDevice.ToArray();
        broken[18 + 9] = 0; // the IAD's bLength

        var error = Assert.Throws<UsbFormatException>(() => UsbDescriptorParser.Parse(broken, "descriptors"));

        Assert.Contains("bLength 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomBytes_NeverThrowAnythingButUsbFormatException()
    {
        var random = new Random(1234);
        for (var i = 0; i < 2000; i++)
        {
            var bytes = MbimDevice.ToArray();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            try
            {
                UsbDescriptorParser.Parse(bytes.AsSpan(0, random.Next(bytes.Length + 1)), "fuzz");
            }
            catch (UsbFormatException)
            {
                // the one expected failure for malformed input
            }
        }
    }
}
