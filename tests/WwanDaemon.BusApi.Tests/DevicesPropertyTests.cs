using System.Threading.Channels;
using WwanDaemon.BusApi;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Values;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.BusApi.Tests;

/// <summary>Our manager's Devices: USB devices seen that are not modems (yet), with the reason, announced as they change.</summary>
public sealed class DevicesPropertyTests(ExportedFleet exported) : IClassFixture<ExportedFleet>
{
    [Fact]
    public async Task RecordedDevice_AppearsInDevices_WithItsReason_AndIsAnnounced()
    {
        var signals = Channel.CreateUnbounded<DBusSignalMessage>();
        using var match = await exported.Client.AddMatchAsync($"type='signal',path='{BusNames.ManagerPath}',interface='org.freedesktop.DBus.Properties'", s => signals.Writer.TryWrite(s));

        exported.Fleet.RecordDevice(new SeenDevice("3-2", "/sys/devices/usb3/3-2", 0x1199, 0x9013, "Sierra MC8355", "re-enumeration loop: appeared 3 times in 60 s"));

        var changed = await signals.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(DBusValue.String(BusNames.OwnManagerInterface), changed.Arguments[0]);
        var reply = await exported.Client.CallAsync(BusNames.ModemManager, BusNames.ManagerPath, "org.freedesktop.DBus.Properties", "Get",
            [DBusValue.String(BusNames.OwnManagerInterface), DBusValue.String("Devices")]);
        var device = ((ArrayValue)((VariantValue)reply[0]).Value).Items.Cast<ArrayValue>().Single();
        var fields = device.Items.Cast<DictEntryValue>().ToDictionary(e => ((StringValue)e.Key).Value, e => ((VariantValue)e.Value).Value);
        Assert.Equal(DBusValue.String("3-2"), fields["id"]);
        Assert.Equal(DBusValue.UInt32(0x1199), fields["vendor-id"]);
        Assert.Equal(DBusValue.String("re-enumeration loop: appeared 3 times in 60 s"), fields["reason"]);
    }
}
