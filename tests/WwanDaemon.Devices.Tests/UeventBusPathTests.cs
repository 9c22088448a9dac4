using WwanDaemon.Devices.Watching;

namespace WwanDaemon.Devices.Tests;

public class UeventBusPathTests
{
    [Theory]
    [InlineData("/devices/pci0000:00/0000:00:14.0/usb2/2-6", "2-6")]
    [InlineData("/devices/pci0000:00/0000:00:14.0/usb2/2-6/2-6:3.0", "2-6")]
    [InlineData("/devices/pci0000:00/0000:00:14.0/usb2/2-6/2-6:3.0/usbmisc/cdc-wdm0", "2-6")]
    [InlineData("/devices/pci0000:00/0000:00:14.0/usb2/2-6/2-6:1.2/ttyUSB2/tty/ttyUSB2", "2-6")]
    [InlineData("/devices/platform/f1058000.usb/usb1/1-1/1-1:1.0/net/wwan0", "1-1")]
    [InlineData("/devices/pci0000:00/0000:00:14.0/usb2/2-1/2-1.4/2-1.4:1.3/net/wwan0", "2-1.4")]
    [InlineData("/devices/usb3/3-2/3-2.1/3-2.1.4", "3-2.1.4")]
    public void Of_UsbDevicePaths_IsTheDeepestUsbDevice(string devPath, string busPath) =>
        Assert.Equal(busPath, UeventBusPath.Of(devPath));

    [Theory]
    [InlineData("/devices/virtual/net/lo")]
    [InlineData("/devices/pci0000:00/0000:00:14.0/usb2")]
    [InlineData("/devices/pnp0/00:04/tty/ttyS0")]
    [InlineData("")]
    public void Of_PathsOutsideUsbDevices_IsNull(string devPath) =>
        Assert.Null(UeventBusPath.Of(devPath));
}
