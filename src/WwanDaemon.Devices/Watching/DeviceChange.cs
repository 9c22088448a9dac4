using WwanDaemon.Devices.Inventory;

namespace WwanDaemon.Devices.Watching;

/// <summary>What happened to a USB device, once its events settled.</summary>
public enum DeviceChangeKind
{
    /// <summary>Present now and not before (coldplug, or plugged in).</summary>
    Appeared,

    /// <summary>Present before and now, but its configuration, drivers or ports differ (also a quick re-enumeration).</summary>
    Changed,

    /// <summary>Present before, absent now.</summary>
    Gone,
}

/// <summary>One settled change; <paramref name="Device"/> is null for <see cref="DeviceChangeKind.Gone"/>.</summary>
public sealed record DeviceChange(DeviceChangeKind Kind, string BusPath, DiscoveredDevice? Device)
{
    public override string ToString() => $"{Kind} {BusPath}{(Device is null ? "" : " " + Device)}";
}
