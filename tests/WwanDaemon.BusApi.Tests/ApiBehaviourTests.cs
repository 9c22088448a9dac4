using WwanDaemon.DBus.Server;
using WwanDaemon.DBus.Values;

namespace WwanDaemon.BusApi.Tests;

/// <summary>The API's methods called as the bus calls them, over the real ModemFleet and recording commands.</summary>
public sealed class ApiBehaviourTests
{
    private const string Modem0 = ApiUnderTest.Modem0;

    private static DBusValue Settings(params (string Key, DBusValue Value)[] entries) =>
        DBusValue.StringVariantDictionary(entries.Select(e => KeyValuePair.Create(e.Key, e.Value)));

    [Fact]
    public async Task SimpleConnect_ValidSettings_RepliesWithABearerWhoseIp4ConfigIsFilled()
    {
        await using var api = await ApiUnderTest.StartAsync(Modems.Registered());

        var reply = await api.CallAsync(Modem0, BusNames.SimpleInterface, "Connect", null,
            Settings(("apn", DBusValue.String("internet")), ("ip-type", DBusValue.UInt32(1))));

        var bearer = Assert.IsType<ObjectPathValue>(Assert.Single(reply)).Value;
        Assert.StartsWith("/org/freedesktop/ModemManager1/Bearer/", bearer);
        Assert.Equal(["connect 1-1 internet Ipv4"], api.Commands.Calls);
        // Read right after the reply, as NetworkManager does: the settings are there already.
        var ip4 = (ArrayValue)api.Exporter.Property(bearer, BusNames.BearerInterface, "Ip4Config");
        var config = ip4.Items.Cast<DictEntryValue>().ToDictionary(e => ((StringValue)e.Key).Value, e => ((VariantValue)e.Value).Value);
        Assert.Equal(2u, ((UInt32Value)config["method"]).Value); // MM_BEARER_IP_METHOD_STATIC
        Assert.Equal("10.64.1.2", ((StringValue)config["address"]).Value);
        Assert.Equal(30u, ((UInt32Value)config["prefix"]).Value);
        Assert.Equal("10.64.1.1", ((StringValue)config["gateway"]).Value);
        Assert.Equal("10.64.0.53", ((StringValue)config["dns1"]).Value);
        Assert.True(((BooleanValue)api.Exporter.Property(bearer, BusNames.BearerInterface, "Connected")).Value);
        Assert.Equal("wwan0", ((StringValue)api.Exporter.Property(bearer, BusNames.BearerInterface, "Interface")).Value);
    }

    public static TheoryData<string, DBusValue, string> BadSettings => new()
    {
        { "unknown key", Settings(("apn", DBusValue.String("internet")), ("colour", DBusValue.String("blue"))), "colour" },
        { "wrong variant type", Settings(("apn", DBusValue.UInt32(7))), "apn" },
        { "ip-type as a string", Settings(("apn", DBusValue.String("internet")), ("ip-type", DBusValue.String("ipv4"))), "ip-type" },
        { "CR LF in the APN", Settings(("apn", DBusValue.String("internet\r\nAT+CFUN=0"))), "apn" },
        { "300-character APN", Settings(("apn", DBusValue.String(new string('a', 300)))), "apn" },
        { "PIN with a letter", Settings(("apn", DBusValue.String("internet")), ("pin", DBusValue.String("12a4"))), "pin" },
        { "no APN", Settings(("ip-type", DBusValue.UInt32(1))), "apn" },
        { "unknown ip-type", Settings(("apn", DBusValue.String("internet")), ("ip-type", DBusValue.UInt32(64))), "ip-type" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task SimpleConnect_BadArguments_InvalidArgsNamingTheKeyAndNothingChanged(string scenario, DBusValue settings, string key)
    {
        await using var api = await ApiUnderTest.StartAsync(Modems.Registered());
        var before = api.Exporter.Objects.Keys.Order(StringComparer.Ordinal).ToList();

        var refused = await api.FailAsync(Modem0, BusNames.SimpleInterface, "Connect", null, settings);

        Assert.True(refused.ErrorName == DBusErrorNames.InvalidArgs, $"{scenario}: {refused.ErrorName} {refused.Message}");
        Assert.Contains(key, refused.Message);
        Assert.Empty(api.Commands.Calls);
        Assert.Equal(before, api.Exporter.Objects.Keys.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task SimpleConnect_CallerOutsideTheControlGroup_UnauthorizedWhileReadsWork()
    {
        await using var api = await ApiUnderTest.StartAsync(Modems.Registered());

        var refused = await api.FailAsync(Modem0, BusNames.SimpleInterface, "Connect", ApiUnderTest.Nobody, Settings(("apn", DBusValue.String("internet"))));
        var status = await api.CallAsync(Modem0, BusNames.SimpleInterface, "GetStatus", ApiUnderTest.Nobody);

        Assert.Equal(ModemManagerErrors.Unauthorized, refused.ErrorName);
        Assert.Contains("uid 65534", refused.Message);
        Assert.Contains("group netdev", refused.Message);
        Assert.Empty(api.Commands.Calls);
        Assert.Single(status);
    }

    [Fact]
    public async Task SendPin_WrongPinOrNotDigits_IncorrectPasswordOrInvalidArgs()
    {
        await using var api = await ApiUnderTest.StartAsync(Modems.Registered() with { State = Modem.Fleet.ModemState.Locked, SimLock = Modem.Backends.SimLock.PinRequired });
        await api.Exporter.WaitUntilAsync(e => e.Objects.ContainsKey("/org/freedesktop/ModemManager1/SIM/0"), "exporting SIM/0");
        const string sim = "/org/freedesktop/ModemManager1/SIM/0";

        var letters = await api.FailAsync(sim, BusNames.SimInterface, "SendPin", null, DBusValue.String("12a4"));
        var wrong = await api.FailAsync(sim, BusNames.SimInterface, "SendPin", null, DBusValue.String("0000"));
        await api.CallAsync(sim, BusNames.SimInterface, "SendPin", null, DBusValue.String(RecordingCommands.Pin));
        var puk = await api.FailAsync(sim, BusNames.SimInterface, "SendPuk", null, DBusValue.String("12345678"), DBusValue.String("1234"));

        Assert.Equal(DBusErrorNames.InvalidArgs, letters.ErrorName);
        Assert.Equal(ModemManagerErrors.IncorrectPassword, wrong.ErrorName);
        Assert.Equal(ModemManagerErrors.Unsupported, puk.ErrorName);
        Assert.Contains("SendPuk", puk.Message);
        Assert.Equal(["pin 1-1", "pin 1-1"], api.Commands.Calls);
    }

    [Fact]
    public async Task Enable_False_StateChangedFromRegisteredToDisabledAndPowerStateLow()
    {
        await using var api = await ApiUnderTest.StartAsync(Modems.Registered());

        await api.CallAsync(Modem0, BusNames.ModemInterface, "Enable", null, DBusValue.Boolean(false));

        await api.Exporter.WaitUntilAsync(e => e.Log.Contains($"signal {Modem0} {BusNames.ModemInterface}.StateChanged 8,3,0"), "StateChanged(registered 8 → disabled 3)");
        Assert.Equal(2u, ((UInt32Value)api.Exporter.Property(Modem0, BusNames.ModemInterface, "PowerState")).Value); // MM_MODEM_POWER_STATE_LOW
        Assert.Contains($"refresh {Modem0}", api.Exporter.Log);
    }

    [Fact]
    public async Task Replug_SameModem_GetsTheNextNumberAndTheOldObjectsGo()
    {
        await using var api = await ApiUnderTest.StartAsync(Modems.Registered());

        api.Fleet.Remove(Modems.Id);
        api.Fleet.Publish(Modems.Registered());

        await api.Exporter.WaitUntilAsync(e => e.Objects.ContainsKey("/org/freedesktop/ModemManager1/Modem/1"), "exporting Modem/1");
        Assert.DoesNotContain(Modem0, api.Exporter.Objects.Keys);
        Assert.Contains("remove /org/freedesktop/ModemManager1/SIM/0", api.Exporter.Log);
    }

    [Fact]
    public async Task InhibitDevice_ByDevicePath_HidesTheModemUntilUninhibitedThenNewNumber()
    {
        await using var api = await ApiUnderTest.StartAsync(Modems.Registered());

        await api.CallAsync(BusNames.ManagerPath, BusNames.ModemManager, "InhibitDevice", null, DBusValue.String(Modems.Device), DBusValue.Boolean(true));
        Assert.DoesNotContain(Modem0, api.Exporter.Objects.Keys);
        api.Fleet.Publish(Modems.Registered() with { SignalQuality = 50 }); // changes while inhibited stay hidden
        await Task.Delay(100);
        Assert.DoesNotContain(api.Exporter.Objects.Keys, p => p.StartsWith(BusNames.ModemPathPrefix, StringComparison.Ordinal));

        await api.CallAsync(BusNames.ManagerPath, BusNames.ModemManager, "InhibitDevice", null, DBusValue.String(Modems.Device), DBusValue.Boolean(false));

        Assert.Contains("/org/freedesktop/ModemManager1/Modem/1", api.Exporter.Objects.Keys);
        Assert.Empty(api.Api.Inhibited());
    }

    [Fact]
    public async Task InhibitDevice_UnknownUidOrNobody_NotFoundOrUnauthorized()
    {
        await using var api = await ApiUnderTest.StartAsync(Modems.Registered());

        var unknown = await api.FailAsync(BusNames.ManagerPath, BusNames.ModemManager, "InhibitDevice", null, DBusValue.String("/sys/devices/none"), DBusValue.Boolean(true));
        var nobody = await api.FailAsync(BusNames.ManagerPath, BusNames.ModemManager, "InhibitDevice", ApiUnderTest.Nobody, DBusValue.String(Modems.Id), DBusValue.Boolean(true));

        Assert.Equal(ModemManagerErrors.NotFound, unknown.ErrorName);
        Assert.Equal(ModemManagerErrors.Unauthorized, nobody.ErrorName);
        Assert.Contains(Modem0, api.Exporter.Objects.Keys);
    }

    [Fact]
    public async Task ReportKernelEvent_Any_UnsupportedNamingTheMember()
    {
        await using var api = await ApiUnderTest.StartAsync();

        var refused = await api.FailAsync(BusNames.ManagerPath, BusNames.ModemManager, "ReportKernelEvent", null, DBusValue.StringVariantDictionary([]));

        Assert.Equal(ModemManagerErrors.Unsupported, refused.ErrorName);
        Assert.Contains("ReportKernelEvent", refused.Message);
    }
}
