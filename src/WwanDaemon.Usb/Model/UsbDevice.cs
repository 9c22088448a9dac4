namespace WwanDaemon.Usb.Model;

/// <summary>A USB device with all of its configurations (USB 2.0 section 9.6.1).</summary>
public sealed record UsbDevice
{
    /// <summary>The kernel's bus path such as "1-6" or "2-1.4", when the source tells it.</summary>
    public string? BusPath { get; init; }

    public required ushort VendorId { get; init; }

    public required ushort ProductId { get; init; }

    /// <summary>bcdDevice, the device release number (often the firmware's composition revision).</summary>
    public ushort BcdDevice { get; init; }

    /// <summary>bcdUSB as text, "2.00".</summary>
    public string? UsbVersion { get; init; }

    public UsbClassTriple DeviceClass { get; init; }

    public string? Manufacturer { get; init; }

    public string? Product { get; init; }

    public string? SerialNumber { get; init; }

    /// <summary>Speed in Mbit/s as the kernel writes it ("1.5", "12", "480", "5000"), when known.</summary>
    public string? Speed { get; init; }

    /// <summary>bNumConfigurations.</summary>
    public int ConfigurationCount { get; init; }

    /// <summary>The active bConfigurationValue, when the source tells it.</summary>
    public int? ActiveConfiguration { get; init; }

    /// <summary>True when the source reports bound drivers (sysfs, debugfs, usb-devices), false for lsusb -v.</summary>
    public bool DriversKnown { get; init; }

    public EquatableList<UsbConfiguration> Configurations { get; init; } = EquatableList<UsbConfiguration>.Empty;

    /// <summary>"1e0e:9011".</summary>
    public string Id => $"{VendorId:x4}:{ProductId:x4}";

    public UsbConfiguration? Configuration(int value) => Configurations.FirstOrDefault(c => c.Value == value);

    public UsbConfiguration? Active => ActiveConfiguration is { } value ? Configuration(value) : null;

    public override string ToString() => $"{Id} {Product ?? "(no product string)"}{(BusPath is null ? "" : " at " + BusPath)}";
}
