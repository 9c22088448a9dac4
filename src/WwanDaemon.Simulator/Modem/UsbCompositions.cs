using System.Globalization;
using WwanDaemon.Usb.Model;
using WwanDaemon.Usb.Text;

namespace WwanDaemon.Simulator.Modem;

/// <summary>
/// The USB compositions simulated modems enumerate as, one devices-file record each
/// (Modem/Compositions/VVVV-PPPP.txt, embedded; the README there cites every file).
/// </summary>
public static class UsbCompositions
{
    /// <summary>Whether the simulator has the composition vid:pid.</summary>
    public static bool Has(ushort vendorId, ushort productId) =>
        typeof(UsbCompositions).Assembly.GetManifestResourceInfo(ResourceName(vendorId, productId)) is not null;

    /// <summary>The device as it enumerates in composition vid:pid, at <paramref name="busPath"/>.</summary>
    /// <exception cref="ArgumentException">The simulator has no such composition.</exception>
    public static UsbDevice Get(ushort vendorId, ushort productId, string busPath)
    {
        var name = ResourceName(vendorId, productId);
        using var stream = typeof(UsbCompositions).Assembly.GetManifestResourceStream(name)
            ?? throw new ArgumentException($"the simulator has no USB composition {vendorId:x4}:{productId:x4} (add Modem/Compositions/{vendorId:x4}-{productId:x4}.txt)", nameof(productId));
        using var reader = new StreamReader(stream);
        var device = UsbDumpReader.Read(reader.ReadToEnd(), name).Single();
        return device with { BusPath = busPath };
    }

    private static string ResourceName(ushort vendorId, ushort productId) =>
        string.Create(CultureInfo.InvariantCulture, $"Compositions/{vendorId:x4}-{productId:x4}.txt");
}
