using WwanDaemon.Usb.Model;

namespace WwanDaemon.Usb.Text;

/// <summary>
/// The kernel prints an endpoint's polling period ("Ivl=32ms") rather than bInterval. This turns the
/// period back into bInterval, following how Linux computes it (drivers/usb/core/devices.c, the
/// endpoint line of /sys/kernel/debug/usb/devices, and the sysfs endpoint "interval" attribute):
/// high and super speed count in 125 µs microframes and encode interrupt/isochronous periods as
/// 2^(bInterval-1); full and low speed interrupt periods are bInterval milliseconds; a high-speed bulk
/// or control endpoint shows bInterval microframes (its NAK rate); other cases print 0.
/// </summary>
internal static class EndpointIntervals
{
    public static byte FromPeriod(string period, UsbTransferType type, string? speed)
    {
        var microseconds = ParseMicroseconds(period);
        if (microseconds is null or 0)
        {
            return 0;
        }
        var fast = IsHighOrSuper(speed);
        var units = fast ? microseconds.Value / 125 : microseconds.Value / 1000;
        switch (type)
        {
            case UsbTransferType.Interrupt when !fast:
                return (byte)Math.Min(units, 255);
            case UsbTransferType.Interrupt:
            case UsbTransferType.Isochronous:
                return (byte)(Log2(units) + 1);
            default:
                return (byte)Math.Min(units, 255);
        }
    }

    private static bool IsHighOrSuper(string? speed) => speed is "480" or "5000" or "10000" or "20000" || speed is null;

    private static int? ParseMicroseconds(string period)
    {
        var unitIndex = period.IndexOfAny(['m', 'u']);
        if (unitIndex <= 0 || !DumpText.TryDecimal(period[..unitIndex], out var number))
        {
            return null;
        }
        return period[unitIndex] == 'm' ? number * 1000 : number;
    }

    private static int Log2(int value)
    {
        var log = 0;
        while (value > 1)
        {
            value >>= 1;
            log++;
        }
        return log;
    }
}
