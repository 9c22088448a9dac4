namespace WwanDaemon.Usb.Text;

/// <summary>
/// The T: line's topology, and how Linux names a device from it: a device on a root hub port is
/// "bus-port", one below a hub appends ".port" to its parent's name (ports counted from 1, the T:
/// line counts from 0).
/// </summary>
internal sealed class DeviceTopology
{
    public int? Bus { get; set; }

    public int? Level { get; set; }

    public int? ParentNumber { get; set; }

    public int? Port { get; set; }

    public int? DeviceNumber { get; set; }

    public string? BusPath { get; set; }

    public static void AssignBusPaths(IReadOnlyList<DeviceTopology> devices)
    {
        foreach (var device in devices.OrderBy(d => d.Level ?? int.MaxValue))
        {
            if (device.Bus is not { } bus || device.Level is not { } level || device.Port is not { } port)
            {
                continue;
            }
            if (level == 1)
            {
                device.BusPath = $"{bus}-{port + 1}";
            }
            else if (level > 1)
            {
                var parent = devices.FirstOrDefault(d => d.Bus == bus && d.DeviceNumber == device.ParentNumber && d.Level == level - 1);
                device.BusPath = parent?.BusPath is { } parentPath ? $"{parentPath}.{port + 1}" : null;
            }
        }
    }
}
