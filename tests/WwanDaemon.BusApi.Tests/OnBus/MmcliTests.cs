using WwanDaemon.DBus.Client;
using WwanDaemon.DBus.Connection;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.BusApi.Tests.OnBus;

/// <summary>Debian's mmcli (through DBUS_SYSTEM_BUS_ADDRESS) against the API over the real fleet: reading, then one control flow.</summary>
public sealed class MmcliTests(SystemLikeBusApi bus) : IClassFixture<SystemLikeBusApi>
{
    [Fact]
    public void Mmcli_ListModemAndSim_ShowEverythingTheSnapshotHas()
    {
        var list = Mmcli.Succeed(bus.Address, "-L");
        var modem = Mmcli.Succeed(bus.Address, "-m", "0");
        var sim = Mmcli.Succeed(bus.Address, "-i", "0");

        Assert.Contains($"{ApiUnderTest.Modem0} [SIMCOM INCORPORATED] SIMCOM_SIM7600G-H", list);
        Assert.Equal("SIMCOM INCORPORATED", Mmcli.Field(modem, "manufacturer"));
        Assert.Equal("SIMCOM_SIM7600G-H", Mmcli.Field(modem, "model"));
        Assert.Equal("cdc-wdm0", Mmcli.Field(modem, "primary port"));
        Assert.Contains("cdc-wdm0 (qmi)", modem);
        Assert.Contains("ttyUSB2 (at)", modem);
        Assert.Contains("wwan0 (net)", modem);
        Assert.Equal("862636050123457", Mmcli.Field(modem, "imei"));
        Assert.Equal("00101", Mmcli.Field(modem, "operator id"));
        Assert.Equal("Test Network", Mmcli.Field(modem, "operator name"));
        Assert.Equal("74% (recent)", Mmcli.Field(modem, "signal quality"));
        Assert.Equal("lte", Mmcli.Field(modem, "access tech"));
        Assert.Equal("wwan-daemon", Mmcli.Field(modem, "plugin"));
        Assert.Equal("89014103211118510720", Mmcli.Field(sim, "iccid"));
        Assert.Equal("001010123456789", Mmcli.Field(sim, "imsi"));
    }

    [Fact]
    public async Task Mmcli_ConnectBearerDisconnectDisableEnablePin_EachReachesTheCommands()
    {
        var connect = Mmcli.Succeed(bus.Address, "-m", "0", "--simple-connect=apn=internet,ip-type=ipv4");
        Assert.Contains("successfully connected", connect);
        var modem = Mmcli.Succeed(bus.Address, "-m", "0");
        Assert.Equal("connected", Mmcli.Field(modem, "state"));
        var bearerIndex = Mmcli.Field(modem, "paths")!.Split('/')[^1];

        var bearer = Mmcli.Succeed(bus.Address, "-b", bearerIndex);
        Assert.Equal("yes", Mmcli.Field(bearer, "connected"));
        Assert.Equal("wwan0", Mmcli.Field(bearer, "interface"));
        Assert.Equal("internet", Mmcli.Field(bearer, "apn"));
        Assert.Equal("static", Mmcli.Field(bearer, "method"));
        Assert.Equal("10.64.1.2", Mmcli.Field(bearer, "address"));
        Assert.Equal("30", Mmcli.Field(bearer, "prefix"));
        Assert.Equal("10.64.1.1", Mmcli.Field(bearer, "gateway"));
        Assert.Equal("10.64.0.53, 10.64.0.54", Mmcli.Field(bearer, "dns"));

        Mmcli.Succeed(bus.Address, "-m", "0", "--simple-disconnect");
        Mmcli.Succeed(bus.Address, "-m", "0", "--disable");
        Assert.Equal("disabled", Mmcli.Field(Mmcli.Succeed(bus.Address, "-m", "0"), "state"));
        Mmcli.Succeed(bus.Address, "-m", "0", "--enable");
        Mmcli.Succeed(bus.Address, "-i", "0", "--pin=1234");
        var wrongPin = Mmcli.Run(bus.Address, "-i", "0", "--pin=0000");

        Assert.NotEqual(0, wrongPin.ExitCode);
        Assert.Contains("IncorrectPassword", wrongPin.Error);
        Assert.Equal(["connect 1-1 internet Ipv4", "disconnect 1-1", "enable 1-1 False", "enable 1-1 True", "pin 1-1", "pin 1-1"], bus.Commands.Calls);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("colour", "s")]
    [InlineData("apn", "u")]
    [InlineData("apn", "crlf")]
    [InlineData("apn", "long")]
    [InlineData("pin", "s")]
    public async Task SimpleConnect_OverTheWireBadArguments_InvalidArgsAndNoCommand(string key, string kind)
    {
        DBusValue value = kind switch
        {
            "u" => DBusValue.UInt32(1),
            "crlf" => DBusValue.String("internet\r\n"),
            "long" => DBusValue.String(new string('a', 300)),
            _ => DBusValue.String("12a4"),
        };
        var entries = new List<KeyValuePair<string, DBusValue>> { KeyValuePair.Create(key, value) };
        if (key != "apn")
        {
            entries.Add(KeyValuePair.Create("apn", DBusValue.String("internet")));
        }
        using var client = BusConnection.Connect(bus.Address);
        var before = bus.Commands.Calls.Count;

        var refused = await Assert.ThrowsAsync<DBusException>(() => client.CallAsync(BusNames.ModemManager, ApiUnderTest.Modem0, BusNames.SimpleInterface, "Connect", [DBusValue.StringVariantDictionary(entries)]));

        Assert.Equal("org.freedesktop.DBus.Error.InvalidArgs", refused.ErrorName);
        Assert.Contains(key, refused.Message);
        Assert.Equal(before, bus.Commands.Calls.Count);
    }
}
