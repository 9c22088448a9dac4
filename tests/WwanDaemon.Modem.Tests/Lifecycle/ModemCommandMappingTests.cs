using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.ConnectionProfiles;
using WwanDaemon.Modem.Fleet;
using WwanDaemon.Modem.Lifecycle;

namespace WwanDaemon.Modem.Tests.Lifecycle;

public sealed class ModemCommandMappingTests
{
    [Fact]
    public void ToProfile_ValidRequest_CarriesEveryField_AndNeverAutoConnects()
    {
        var (profile, problems) = ModemCommandMapping.ToProfile(new ConnectRequest("work.example", IpFamily.Ipv4v6, ApnAuthentication.Chap, "user", "secret", false, "1234"));

        Assert.Empty(problems);
        Assert.Equal("work.example", profile!.Apn);
        Assert.Equal(IpFamily.Ipv4v6, profile.IpType);
        Assert.Equal(ApnAuthentication.Chap, profile.Authentication);
        Assert.Equal(("user", "secret", "1234"), (profile.User, profile.Password, profile.Pin));
        Assert.False(profile.AllowRoaming);
        Assert.False(profile.AutoConnect);
    }

    [Theory]
    [InlineData("bad apn", null, null, "apn")]
    [InlineData("internet", "12", null, "pin")]
    [InlineData("internet", null, "26x01", "operator-id")]
    public void ToProfile_InvalidRequest_NamesTheField(string apn, string? pin, string? operatorId, string field)
    {
        var (profile, problems) = ModemCommandMapping.ToProfile(new ConnectRequest(apn, Pin: pin, OperatorId: operatorId));

        Assert.Null(profile);
        Assert.Contains(problems, p => p.StartsWith(field, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ModemFailure.IncorrectPin, ModemCommandError.IncorrectPin)]
    [InlineData(ModemFailure.SimPinRequired, ModemCommandError.SimPinRequired)]
    [InlineData(ModemFailure.SimPukRequired, ModemCommandError.SimPukRequired)]
    [InlineData(ModemFailure.SimMissing, ModemCommandError.SimMissing)]
    [InlineData(ModemFailure.ConnectRefused, ModemCommandError.ConnectFailed)]
    [InlineData(ModemFailure.Timeout, ModemCommandError.Timeout)]
    [InlineData(ModemFailure.InvalidProfile, ModemCommandError.InvalidArguments)]
    [InlineData(ModemFailure.PortGone, ModemCommandError.Failed)]
    [InlineData(ModemFailure.ModemRestarted, ModemCommandError.Failed)]
    [InlineData(ModemFailure.Other, ModemCommandError.Failed)]
    public void ToError_MapsEveryFailure(ModemFailure failure, ModemCommandError expected) =>
        Assert.Equal(expected, ModemCommandMapping.ToError(failure));

    [Theory]
    [InlineData(0, -113)]
    [InlineData(1, -111)]
    [InlineData(23, -67)]
    [InlineData(31, -51)]
    [InlineData(99, null)]
    [InlineData(-1, null)]
    public void RssiCode_FollowsTs27007Section8_5(long code, int? dbm) => Assert.Equal(dbm, RssiCode.ToDbm(code));

    [Theory]
    [InlineData(0x80L, AccessTechnology.Nr5g)]
    [InlineData(0x20L | 0x04L, AccessTechnology.Lte)]
    [InlineData(0x08L, AccessTechnology.Umts)]
    [InlineData(0x02L, AccessTechnology.Gsm)]
    [InlineData(0x10000L, AccessTechnology.Unknown)]
    public void MbimDataClasses_TheBestTechnologyWins(long classes, AccessTechnology expected) =>
        Assert.Equal(expected, MbimRegistration.Technology(classes));

    [Theory]
    [InlineData(WwanDaemon.At.Parsers.AccessTechnology.Eutran, AccessTechnology.Lte)]
    [InlineData(WwanDaemon.At.Parsers.AccessTechnology.UtranHsdpa, AccessTechnology.Umts)]
    [InlineData(WwanDaemon.At.Parsers.AccessTechnology.GsmEgprs, AccessTechnology.Gsm)]
    [InlineData(WwanDaemon.At.Parsers.AccessTechnology.NgRan, AccessTechnology.Nr5g)]
    public void AtAccessTechnology_MapsToTheClientsScale(WwanDaemon.At.Parsers.AccessTechnology act, AccessTechnology expected) =>
        Assert.Equal(expected, AtRegistration.Technology(act));
}
