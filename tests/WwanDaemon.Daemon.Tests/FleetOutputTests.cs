using WwanDaemon.Daemon.Fleet;
using WwanDaemon.Modem.Fleet;

namespace WwanDaemon.Daemon.Tests;

public class FleetOutputTests
{
    [Fact]
    public void FleetJson_ConnectedModem_ExactLine()
    {
        var modem = new ModemSnapshot("1-6", "/sys/devices/usb1/1-6", ModemState.Connected, null, 2,
            ["unbind qcserial 1-6:2.12", "bind cdc_mbim 1-6:2.12"], "/dev/cdc-wdm0", "mbim",
            new IpConfigurationReport("wwan0", "static", "10.0.0.2/30", "10.0.0.1", ["10.0.0.53", "10.0.0.54"], 1500, true))
        {
            Imsi = "234150999999999",
            Imei = "356938035643809",
        };

        var json = FleetJsonWriter.Write([modem]);

        Assert.Equal(
            """{"modems":[{"id":"1-6","state":"connected","reason":null,"configuration":2,"actions":["unbind qcserial 1-6:2.12","bind cdc_mbim 1-6:2.12"],"controlPort":"/dev/cdc-wdm0","controlProtocol":"mbim","ip":{"interface":"wwan0","method":"static","address":"10.0.0.2/30","gateway":"10.0.0.1","dns":["10.0.0.53","10.0.0.54"],"mtu":1500,"applied":true,"ipv6Address":null,"ipv6Gateway":null}}]}""",
            json);
    }

    [Fact]
    public void FleetJson_ModemBeforeProbing_NullsAndEmptyActions()
    {
        var modem = new ModemSnapshot("2-1", "/sys/devices/usb2/2-1", ModemState.Initializing, null, null, [], null, null, null);

        Assert.Equal(
            """{"modems":[{"id":"2-1","state":"initializing","reason":null,"configuration":null,"actions":[],"controlPort":null,"controlProtocol":null,"ip":null}]}""",
            FleetJsonWriter.Write([modem]));
    }

    [Fact]
    public void FleetJson_NoModems_EmptyList()
    {
        Assert.Equal("""{"modems":[]}""", FleetJsonWriter.Write([]));
    }

    [Theory]
    [InlineData(ModemState.Failed, "failed")]
    [InlineData(ModemState.Locked, "locked")]
    [InlineData(ModemState.Searching, "searching")]
    [InlineData(ModemState.Connected, "connected")]
    public void StateNames_LowerCaseLikeModemManager_RoundTrip(ModemState state, string name)
    {
        Assert.Equal(name, ModemStateNames.Name(state));
        Assert.True(ModemStateNames.TryParse(name.ToUpperInvariant(), out var parsed));
        Assert.Equal(state, parsed);
    }

    [Fact]
    public void StatusText_MixedFleet_CountsPerStateMostAdvancedFirst()
    {
        var modems = new[]
        {
            Fakes.FakeModemFleet.Modem("1-6", ModemState.Searching),
            Fakes.FakeModemFleet.Modem("2-1", ModemState.Connected),
            Fakes.FakeModemFleet.Modem("3-1", ModemState.Searching),
        };

        Assert.Equal("3 modems: 1 connected, 2 searching", FleetStatusText.Describe(modems));
        Assert.Equal("1 modem: 1 connected", FleetStatusText.Describe([modems[1]]));
        Assert.Equal("no modems", FleetStatusText.Describe([]));
    }
}
