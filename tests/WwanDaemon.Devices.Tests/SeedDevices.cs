using WwanDaemon.Usb.Model;
using WwanDaemon.Usb.Text;

namespace WwanDaemon.Devices.Tests;

/// <summary>The seed threads' devices (data/samples/seeds) as USB models, with the drivers and configuration a test wants.</summary>
internal static class SeedDevices
{
    public static UsbDevice Load(string seed)
    {
        var file = Directory.GetFiles(Fixtures.Path("seeds"), seed + "*.txt").Single();
        return Assert.Single(UsbDumpReader.Read(File.ReadAllText(file), seed));
    }

    /// <summary>The device in <paramref name="active"/> with <paramref name="drivers"/> bound to that configuration's interfaces.</summary>
    public static UsbDevice Enumerated(UsbDevice device, string busPath, int active, IReadOnlyDictionary<int, string> drivers) => device with
    {
        BusPath = busPath,
        ActiveConfiguration = active,
        DriversKnown = true,
        Configurations = device.Configurations.Select(c => c with
        {
            Interfaces = c.Interfaces.Select(i => i with { Driver = c.Value == active ? drivers.GetValueOrDefault(i.Number) : null }).ToEquatableList(),
        }).ToEquatableList(),
    };

    /// <summary>
    /// Seed 004, HP lt4112 (03f0:581d): three configurations. The kernel picked 2 (CDC ECM, cdc_ether);
    /// in configuration 3 qcserial takes interfaces 0, 1 and 2, including the MBIM pair 0/1.
    /// </summary>
    public static UsbDevice Lt4112(string busPath, int active) => Enumerated(Load("seed-004"), busPath, active, active switch
    {
        2 => new Dictionary<int, string> { [0] = "cdc_ether", [1] = "cdc_ether" },
        3 => new Dictionary<int, string> { [0] = "qcserial", [1] = "qcserial", [2] = "qcserial" },
        _ => new Dictionary<int, string>(),
    });
}
