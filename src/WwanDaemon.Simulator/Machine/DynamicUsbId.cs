using System.Globalization;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Simulator.Machine;

/// <summary>
/// An id a driver was given through its <c>new_id</c> file: "VVVV PPPP [CC]", vendor and product in
/// hex and optionally the interface class (drivers/usb/core/driver.c usb_store_new_id: fewer than two
/// fields is -EINVAL; a third, non-zero field adds USB_DEVICE_ID_MATCH_INT_CLASS).
/// </summary>
internal sealed record DynamicUsbId(string Driver, ushort VendorId, ushort ProductId, byte? InterfaceClass)
{
    public static DynamicUsbId? TryParse(string driver, string line)
    {
        var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 2
            || !ushort.TryParse(fields[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var vendor)
            || !ushort.TryParse(fields[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var product))
        {
            return null;
        }
        byte? @class = null;
        if (fields.Length > 2)
        {
            if (!byte.TryParse(fields[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var parsed))
            {
                return null;
            }
            @class = parsed == 0 ? null : parsed;
        }
        return new DynamicUsbId(driver, vendor, product, @class);
    }

    public bool Matches(UsbDevice device, UsbInterface @interface) =>
        device.VendorId == VendorId && device.ProductId == ProductId && (InterfaceClass is not { } @class || @interface.Class.Class == @class);
}

/// <summary>Kernel-style numbering: each name prefix takes the lowest free number (idr/minor allocation).</summary>
internal sealed class NodeNumbers
{
    private readonly Dictionary<string, SortedSet<int>> used = new(StringComparer.Ordinal);

    public int Allocate(string prefix)
    {
        if (!used.TryGetValue(prefix, out var numbers))
        {
            used[prefix] = numbers = [];
        }
        var number = 0;
        while (numbers.Contains(number))
        {
            number++;
        }
        numbers.Add(number);
        return number;
    }

    public void Release(string prefix, int number) => used.GetValueOrDefault(prefix)?.Remove(number);
}
