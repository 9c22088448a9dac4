using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.BusApi.Tests;

/// <summary>Snapshots of a SIM7600-like modem over QMI, as the supervisor publishes them.</summary>
internal static class Modems
{
    public const string Id = "1-1";
    public const string Device = "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-1";

    public static ModemSnapshot Registered(string id = Id, string device = Device) =>
        new ModemSnapshot(id, device, ModemState.Registered, null, 1, [], "/dev/cdc-wdm0", "qmi", null)
        {
            Manufacturer = "SIMCOM INCORPORATED",
            Model = "SIMCOM_SIM7600G-H",
            Revision = "LE20B04SIM7600G22",
            Imei = "862636050123457",
            Imsi = "001010123456789",
            Iccid = "89014103211118510720",
            OperatorCode = "00101",
            OperatorName = "Test Network",
            SignalQuality = 74,
            SignalRssiDbm = -67,
            AccessTechnology = AccessTechnology.Lte,
            Registration = Registration.Home,
            SimLock = SimLock.Ready,
            PinRetries = 3,
            PukRetries = 10,
            PrimaryAtPort = "/dev/ttyUSB2",
            Ports = [new("cdc-wdm0", ModemPortType.Qmi), new("ttyUSB2", ModemPortType.At), new("wwan0", ModemPortType.Net)],
            Drivers = ["qmi_wwan", "option"],
        };

    public static ModemSnapshot Connected(ConnectRequest request, string id = Id) => Registered(id) with
    {
        State = ModemState.Connected,
        Ip = new IpConfigurationReport("wwan0", "static", "10.64.1.2/30", "10.64.1.1", ["10.64.0.53", "10.64.0.54"], 1500, true),
        Connection = request,
        ConnectedSince = DateTimeOffset.UtcNow.AddSeconds(-5),
    };
}
