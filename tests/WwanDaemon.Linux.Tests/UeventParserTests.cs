using System.Buffers.Binary;
using System.Text;
using WwanDaemon.Linux.Uevents;

namespace WwanDaemon.Linux.Tests;

public class UeventParserTests
{
    // As the kernel sends it (captured in this sandbox with `echo change > /sys/class/net/lo/uevent`,
    // then written for a modem's interface): header, then NUL-terminated KEY=VALUE fields.
    private const string ModemInterfaceAdd =
        "add@/devices/pci0000:00/0000:00:14.0/usb2/2-6/2-6:3.0\0"
        + "ACTION=add\0DEVPATH=/devices/pci0000:00/0000:00:14.0/usb2/2-6/2-6:3.0\0SUBSYSTEM=usb\0"
        + "DEVTYPE=usb_interface\0PRODUCT=3f0/581d/0\0INTERFACE=2/14/0\0MODALIAS=usb:v03F0p581Dd0000dc00dsc00dp00ic02isc0Eip00in00\0SEQNUM=4711\0";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void KernelMessage_ModemInterfaceAdd_ParsesActionPathSubsystemAndFields()
    {
        var uevent = UeventParser.Parse(Bytes(ModemInterfaceAdd));

        Assert.Equal(UeventAction.Add, uevent.Action);
        Assert.Equal("/devices/pci0000:00/0000:00:14.0/usb2/2-6/2-6:3.0", uevent.DevPath);
        Assert.Equal("usb", uevent.Subsystem);
        Assert.Equal("usb_interface", uevent.DevType);
        Assert.Equal("2/14/0", uevent.Properties["INTERFACE"]);
        Assert.Equal("4711", uevent.Properties["SEQNUM"]);
    }

    [Fact]
    public void KernelMessage_CapturedLoopbackChange_Parses()
    {
        var captured = "change@/devices/virtual/net/lo\0ACTION=change\0DEVPATH=/devices/virtual/net/lo\0SUBSYSTEM=net\0SYNTH_UUID=0\0INTERFACE=lo\0IFINDEX=1\0SEQNUM=820\0";

        var uevent = UeventParser.Parse(Bytes(captured));

        Assert.Equal((UeventAction.Change, "net", "lo"), (uevent.Action, uevent.Subsystem, uevent.Interface));
    }

    [Theory]
    [InlineData("bind@/devices/usb2/2-6/2-6:3.0\0SUBSYSTEM=usb\0DRIVER=cdc_mbim\0", UeventAction.Bind)]
    [InlineData("unbind@/devices/usb2/2-6/2-6:3.0\0SUBSYSTEM=usb\0", UeventAction.Unbind)]
    [InlineData("remove@/devices/usb2/2-6\0SUBSYSTEM=usb\0", UeventAction.Remove)]
    [InlineData("move@/devices/usb2/2-6/2-6:1.3/net/wwan0\0SUBSYSTEM=net\0DEVPATH_OLD=/devices/usb2/2-6/2-6:1.3/net/usb0\0", UeventAction.Move)]
    public void KernelMessage_EveryAction_Parses(string message, UeventAction expected) =>
        Assert.Equal(expected, UeventParser.Parse(Bytes(message)).Action);

    [Theory]
    [InlineData("", "empty datagram")]
    [InlineData("add@/devices/usb2/2-6", "no terminating NUL")]
    [InlineData("add/devices/usb2/2-6\0SUBSYSTEM=usb\0", "is not ACTION@DEVPATH")]
    [InlineData("add@\0SUBSYSTEM=usb\0", "is not ACTION@DEVPATH")]
    [InlineData("@/devices/usb2\0SUBSYSTEM=usb\0", "is not ACTION@DEVPATH")]
    [InlineData("explode@/devices/usb2/2-6\0SUBSYSTEM=usb\0", "unknown action 'explode'")]
    [InlineData("ADD@/devices/usb2/2-6\0SUBSYSTEM=usb\0", "unknown action 'ADD'")]
    [InlineData("add@/devices/usb2/2-6\0SUBSYSTEM=usb\0SEQNUM=1", "field 2 'SEQNUM=1' has no terminating NUL")]
    [InlineData("add@/devices/usb2/2-6\0SUBSYSTEM=usb\0garbage\0", "field 2 'garbage' is not KEY=VALUE")]
    [InlineData("add@/devices/usb2/2-6\0=value\0", "field 1 '=value' is not KEY=VALUE")]
    [InlineData("add@/devices/usb2/2-6\0DEVTYPE=usb_device\0", "has no SUBSYSTEM")]
    [InlineData("add@devices/usb2/2-6\0SUBSYSTEM=usb\0", "does not start with '/'")]
    [InlineData("add@/devices/usb2/2-6\0DEVPATH=/devices/usb2/2-7\0SUBSYSTEM=usb\0", "DEVPATH is '/devices/usb2/2-7'")]
    [InlineData("add@/devices/usb2/2-6\0ACTION=remove\0SUBSYSTEM=usb\0", "ACTION is 'remove'")]
    [InlineData("ad\u0001d@/devices\0SUBSYSTEM=usb\0", "unknown action 'ad?d'")]
    public void MalformedMessage_IsRefusedWithAReason(string message, string reason)
    {
        Assert.False(UeventParser.TryParse(Bytes(message), out var uevent, out var error));
        Assert.Null(uevent);
        Assert.Contains(reason, error, StringComparison.Ordinal);
        var thrown = Assert.Throws<FormatException>(() => UeventParser.Parse(Bytes(message)));
        Assert.Contains(reason, thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedMessage_LongGarbage_IsQuotedShort()
    {
        Assert.False(UeventParser.TryParse(Bytes(new string('x', 5000)), out _, out var error));
        Assert.True(error.Length < 200, error);
    }

    [Fact]
    public void EveryTruncation_OfAValidMessage_ParsesOrExplainsAndNeverThrows()
    {
        var bytes = Bytes(ModemInterfaceAdd);
        for (var length = 0; length < bytes.Length; length++)
        {
            var parsed = UeventParser.TryParse(bytes.AsSpan(0, length), out var uevent, out var error);
            Assert.True(parsed ? uevent is not null : !string.IsNullOrEmpty(error), $"length {length}");
        }
    }

    [Fact]
    public void RandomBytes_NeverThrow()
    {
        var random = new Random(6);
        var buffer = new byte[300];
        for (var i = 0; i < 2000; i++)
        {
            random.NextBytes(buffer);
            var length = random.Next(buffer.Length);
            if (i % 3 == 0)
            {
                "add@/x\0"u8.CopyTo(buffer); // get past the header now and then
            }
            if (i % 5 == 0)
            {
                UeventParser.LibudevPrefix.CopyTo(buffer);
            }
            var parsed = UeventParser.TryParse(buffer.AsSpan(0, length), out var uevent, out var error);
            Assert.True(parsed ? uevent is not null : error is not null);
        }
    }

    // systemd src/libsystemd/sd-device/device-monitor.c, struct monitor_netlink_header:
    // "libudev\0", be32 magic, then header_size, properties_off, properties_len, 4 filter words (host order).
    private static byte[] Libudev(string properties, uint? magic = null, uint? offset = null, uint? length = null)
    {
        var body = Bytes(properties);
        var message = new byte[40 + body.Length];
        UeventParser.LibudevPrefix.CopyTo(message);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(8), magic ?? UeventParser.LibudevMagic);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(12), 40);                       // header_size
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(16), offset ?? 40);             // properties_off
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(20), length ?? (uint)body.Length); // properties_len
        body.CopyTo(message, 40);
        return message;
    }

    [Fact]
    public void LibudevMessage_ParsesItsProperties()
    {
        var uevent = UeventParser.Parse(Libudev("ACTION=add\0DEVPATH=/devices/usb2/2-6/2-6:3.0/usbmisc/cdc-wdm0\0SUBSYSTEM=usbmisc\0DEVNAME=cdc-wdm0\0ID_MM_CANDIDATE=1\0"));

        Assert.Equal((UeventAction.Add, "/devices/usb2/2-6/2-6:3.0/usbmisc/cdc-wdm0", "usbmisc", "cdc-wdm0"), (uevent.Action, uevent.DevPath, uevent.Subsystem, uevent.DevName));
        Assert.Equal("1", uevent.Properties["ID_MM_CANDIDATE"]);
    }

    [Theory]
    [InlineData(0xdeadbeefu, null, null, "magic 0xdeadbeef")]
    [InlineData(null, 4000u, null, "at offset 4000")]
    [InlineData(null, 40u, 4000u, "4000 bytes at offset 40")]
    [InlineData(null, 8u, null, "at offset 8")]
    public void LibudevMessage_BadHeader_IsRefused(uint? magic, uint? offset, uint? length, string reason)
    {
        Assert.False(UeventParser.TryParse(Libudev("ACTION=add\0DEVPATH=/x\0SUBSYSTEM=usb\0", magic, offset, length), out _, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void LibudevMessage_Truncated_IsRefused()
    {
        Assert.False(UeventParser.TryParse(Libudev("ACTION=add\0").AsSpan(0, 20), out _, out var error));
        Assert.Contains("shorter than its 24-byte header", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LibudevMessage_WithoutDevPath_IsRefused()
    {
        Assert.False(UeventParser.TryParse(Libudev("ACTION=add\0SUBSYSTEM=usb\0"), out _, out var error));
        Assert.Contains("without ACTION or DEVPATH", error, StringComparison.Ordinal);
    }
}
