using System.Text.Json;
using WwanDaemon.Cli.Formatting;
using WwanDaemon.Cli.Live;

namespace WwanDaemon.Cli.Tests;

/// <summary>Modem views read from D-Bus values, and their text and JSON output, without a bus.</summary>
public sealed class ModemViewTests
{
    [Fact]
    public void ModemView_ConnectedModem_ReadsEveryInterface()
    {
        var modem = ModemViewFixtures.Modem();

        Assert.Equal(0, modem.Index);
        Assert.Equal("1-6", modem.Id);
        Assert.Equal("connected", modem.StateName);
        Assert.Equal("SIMCOM INCORPORATED SIMCOM_SIM7600G-H", modem.Name);
        Assert.Equal(3u, modem.PinRetries);
        Assert.Equal(10u, modem.PukRetries);
        Assert.Equal(67, modem.SignalPercent);
        Assert.Equal(["cdc-wdm0 qmi", "wwan0 net", "ttyUSB2 at"], modem.Ports.Select(p => $"{p.Name} {p.Type}"));
        var bearer = Assert.IsType<BearerView>(modem.ConnectedBearer);
        Assert.Equal("wwan0", bearer.Interface);
        Assert.Equal("10.64.0.2/30", bearer.Ipv4!.AddressWithPrefix);
        Assert.Null(bearer.Ipv6); // method unknown, no address: not configured
    }

    [Fact]
    public void Status_Text_ShowsStateReasonSimNetworkUsbAndIp()
    {
        var text = ModemTextFormatter.Status(ModemViewFixtures.Modem());

        Assert.Contains("modem 0 (1-6): SIMCOM INCORPORATED SIMCOM_SIM7600G-H", text, StringComparison.Ordinal);
        Assert.Contains("state reason:   connected to internet", text, StringComparison.Ordinal);
        Assert.Contains("SIM lock:       none (PIN 3 tries left, PUK 10 tries left)", text, StringComparison.Ordinal);
        Assert.Contains("operator:       Simulated Telecom (00101)", text, StringComparison.Ordinal);
        Assert.Contains("registration:   home", text, StringComparison.Ordinal);
        Assert.Contains("signal:         67%", text, StringComparison.Ordinal);
        Assert.Contains("access tech:    lte", text, StringComparison.Ordinal);
        Assert.Contains("control:        cdc-wdm0 (qmi)", text, StringComparison.Ordinal);
        Assert.Contains("action:         bind qmi_wwan to interface 5", text, StringComparison.Ordinal);
        Assert.Contains("IPv4 address:   10.64.0.2/30", text, StringComparison.Ordinal);
        Assert.Contains("IPv4 DNS:       10.64.0.53", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Status_Json_NamesEnumsAndKeepsNulls()
    {
        var json = JsonDocument.Parse(ModemJsonFormatter.Write(ModemJsonFormatter.Status(ModemViewFixtures.Modem()))).RootElement;

        Assert.Equal("connected", json.GetProperty("state").GetString());
        Assert.Equal("none", json.GetProperty("sim").GetProperty("lock").GetString());
        Assert.Equal(3, json.GetProperty("sim").GetProperty("pinRetries").GetInt32());
        Assert.Equal("home", json.GetProperty("registration").GetString());
        Assert.Equal(1, json.GetProperty("usb").GetProperty("configuration").GetInt32());
        Assert.Equal("wwan0", json.GetProperty("bearer").GetProperty("interface").GetString());
        Assert.Equal("10.64.0.1", json.GetProperty("bearer").GetProperty("ipv4").GetProperty("gateway").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("failedReason").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("bearer").GetProperty("ipv6").ValueKind);
    }

    [Fact]
    public void List_TextAndJson_ModemsAndDevicesThatAreNotModems()
    {
        var snapshot = new DaemonSnapshot(
            [ModemViewFixtures.Modem()],
            [new SeenDeviceView("1-3", "/sys/devices/usb1/1-3", 0x0781, 0x5581, "SanDisk Ultra", "mass storage only: no modem interfaces")],
            "1.0");

        var text = ModemTextFormatter.List(snapshot);
        var json = JsonDocument.Parse(ModemJsonFormatter.Write(ModemJsonFormatter.List(snapshot))).RootElement;

        Assert.Contains("  0  SIMCOM INCORPORATED SIMCOM_SIM7600G-H  [connected]  id 1-6  control cdc-wdm0", text, StringComparison.Ordinal);
        Assert.Contains("1-3  0781:5581  SanDisk Ultra: mass storage only: no modem interfaces", text, StringComparison.Ordinal);
        Assert.Equal("1-6", json.GetProperty("modems")[0].GetProperty("id").GetString());
        Assert.Equal("0781", json.GetProperty("devices")[0].GetProperty("vendorId").GetString());
        Assert.Equal("mass storage only: no modem interfaces", json.GetProperty("devices")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public void List_NoModems_SaysSo()
    {
        Assert.StartsWith("No modems.", ModemTextFormatter.List(new DaemonSnapshot([], [], null)), StringComparison.Ordinal);
    }

    [Fact]
    public void ModemView_MissingInterfaces_ReadsAsUnknownNotAnError()
    {
        var objects = ModemViewFixtures.Connected();
        var bare = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyDictionary<string, DBus.Values.DBusValue>>>
        {
            [ModemViewFixtures.ModemPath] = new Dictionary<string, IReadOnlyDictionary<string, DBus.Values.DBusValue>>
            {
                [ModemManagerNames.ModemInterface] = objects[ModemViewFixtures.ModemPath][ModemManagerNames.ModemInterface],
            },
        };

        var modem = ModemView.From(ModemViewFixtures.ModemPath, bare);
        var text = ModemTextFormatter.Status(modem);

        Assert.Null(modem.Id);
        Assert.Null(modem.ConnectedBearer); // the bearer object is not in the map
        Assert.Contains("registration:   unknown", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LiveDiagnosis_Text_FormatsTheDiagnoseJson()
    {
        // The daemon's Diagnose() returns what 'wwanctl diagnose --json' writes: format a real one.
        var json = Wwanctl.Run("diagnose", "--sample", "seed-004", "--json").Output;

        var text = LiveDiagnosisTextFormatter.Write(JsonDocument.Parse(json).RootElement);

        Assert.Contains("== 03f0:", text, StringComparison.Ordinal);
        Assert.Contains("configuration:", text, StringComparison.Ordinal);
        Assert.Contains("steps:", text, StringComparison.Ordinal);
    }
}
