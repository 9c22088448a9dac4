using WwanDaemon.At.Commands;
using WwanDaemon.At.Lines;
using WwanDaemon.At.Parsers;
using WwanDaemon.Modem.Backends;
using WwanDaemon.Modem.ConnectionProfiles;

namespace WwanDaemon.Modem.Tests.Backends;

public sealed class AtDataCallsTests
{
    private static readonly ConnectionProfile Internet = new() { Apn = "internet" };

    [Theory]
    [InlineData(AtDataCallDialect.GenericCgact, QuectelNetDeviceLayout.OperationFirst, "AT+CGACT=1,1", "AT+CGACT=0,1", "AT+CGACT?")]
    [InlineData(AtDataCallDialect.SimcomQcrmcall, QuectelNetDeviceLayout.OperationFirst, "AT$QCRMCALL=1,1,1,2,1", "AT$QCRMCALL=0,1,1,2,1", "AT$QCRMCALL?")]
    [InlineData(AtDataCallDialect.QuectelQnetdevctl, QuectelNetDeviceLayout.OperationFirst, "AT+QNETDEVCTL=1,1,1", "AT+QNETDEVCTL=0,1,1", "AT+QNETDEVCTL?")]
    [InlineData(AtDataCallDialect.QuectelQnetdevctl, QuectelNetDeviceLayout.ContextFirst, "AT+QNETDEVCTL=1,1,1", "AT+QNETDEVCTL=1,0,1", "AT+QNETDEVCTL?")]
    [InlineData(AtDataCallDialect.HuaweiNdisdup, QuectelNetDeviceLayout.OperationFirst, "AT^NDISDUP=1,1,\"internet\"", "AT^NDISDUP=1,0", "AT^NDISSTATQRY?")]
    public void Dialect_Commands_AreTheVendorsForms(AtDataCallDialect dialect, QuectelNetDeviceLayout layout, string start, string stop, string check)
    {
        var options = new AtBackendOptions { DataCall = dialect, QuectelLayout = layout };

        Assert.Equal(start, AtDataCalls.Start(options, Internet).Text);
        Assert.Equal(stop, AtDataCalls.Stop(options, IpFamily.Ipv4).Text);
        Assert.Equal(check, AtDataCalls.Check(dialect).Text);
    }

    [Fact]
    public void QuectelContextFirst_OnlyTheConfiguredContextCounts()
    {
        var options = new AtBackendOptions { DataCall = AtDataCallDialect.QuectelQnetdevctl, QuectelLayout = QuectelNetDeviceLayout.ContextFirst, ContextId = 2 };

        Assert.True(AtDataCalls.IsConnected(options, ["+QNETDEVCTL: 2,1,1,1"]));
        Assert.False(AtDataCalls.IsConnected(options, ["+QNETDEVCTL: 1,1,1,1"]));
    }

    [Theory]
    [InlineData(IpFamily.Ipv4, "AT+CGDCONT=1,\"IP\",\"internet\"", "AT$QCRMCALL=1,1,1,2,1")]
    [InlineData(IpFamily.Ipv6, "AT+CGDCONT=1,\"IPV6\",\"internet\"", "AT$QCRMCALL=1,1,2,2,1")]
    [InlineData(IpFamily.Ipv4v6, "AT+CGDCONT=1,\"IPV4V6\",\"internet\"", "AT$QCRMCALL=1,1,3,2,1")]
    public void IpFamily_ChoosesPdpTypeAndQcrmcallIpType(IpFamily family, string define, string start)
    {
        var profile = Internet with { IpType = family };

        Assert.Equal(define, AtDataCalls.DefineContext(1, profile).Text);
        Assert.Equal(start, AtDataCalls.Start(new AtBackendOptions { DataCall = AtDataCallDialect.SimcomQcrmcall }, profile).Text);
    }

    [Theory]
    [InlineData("internet\"\r\nAT+CFUN=0")]
    [InlineData("internet;+CFUN=0")]
    [InlineData("inter net")]
    public void DefineContext_UnsafeApn_Refused(string apn)
    {
        Assert.Throws<AtCommandRejectedException>(() => AtDataCalls.DefineContext(1, Internet with { Apn = apn }));
        Assert.Throws<AtCommandRejectedException>(() => AtDataCalls.Start(new AtBackendOptions { DataCall = AtDataCallDialect.HuaweiNdisdup }, Internet with { Apn = apn }));
    }

    [Fact]
    public void Authentication_Generic_Is3gppCgauth_VendorDialectsRefuse()
    {
        var chap = Internet with { Authentication = ApnAuthentication.Chap, User = "user", Password = "secret" };

        Assert.Equal("AT+CGAUTH=1,2,\"user\",\"secret\"", AtDataCalls.Authentication(AtDataCallDialect.GenericCgact, 1, chap)!.Text);
        Assert.Null(AtDataCalls.Authentication(AtDataCallDialect.SimcomQcrmcall, 1, Internet));
        Assert.Throws<AtCommandRejectedException>(() => AtDataCalls.Authentication(AtDataCallDialect.SimcomQcrmcall, 1, chap));
        Assert.Throws<AtCommandRejectedException>(() => AtDataCalls.Authentication(AtDataCallDialect.GenericCgact, 1, chap with { Password = "a\"b" }));
    }

    [Theory]
    [InlineData("+CME ERROR: 16", ModemFailure.IncorrectPin)]
    [InlineData("+CME ERROR: 11", ModemFailure.SimPinRequired)]
    [InlineData("+CME ERROR: 12", ModemFailure.SimPukRequired)]
    [InlineData("+CME ERROR: 10", ModemFailure.SimMissing)]
    [InlineData("+CME ERROR: SIM PIN required", ModemFailure.SimPinRequired)]
    [InlineData("+CME ERROR: 30", ModemFailure.Other)]
    [InlineData("ERROR", ModemFailure.Other)]
    public void Failures_CmeErrors_MapToModemFailures(string final, ModemFailure expected)
    {
        Assert.True(AtFinalResult.TryParse(final, out var result));

        var failure = AtFailures.FromFinal("/dev/ttyUSB2", "doing it", result);

        Assert.Equal(expected, failure.Failure);
        Assert.StartsWith("/dev/ttyUSB2: doing it failed", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Failures_TransportExceptions_NamePortAndFix()
    {
        var timeout = AtFailures.Translate("/dev/ttyUSB2", "reading", new WwanDaemon.At.Client.AtTimeoutException("/dev/ttyUSB2", "AT+CSQ", TimeSpan.FromSeconds(1)))!;
        var gone = AtFailures.Translate("/dev/ttyUSB2", "reading", new WwanDaemon.At.Client.AtPortGoneException("/dev/ttyUSB2", "AT+CSQ", "end of stream"))!;

        Assert.Equal(ModemFailure.Timeout, timeout.Failure);
        Assert.Equal(ModemFailure.PortGone, gone.Failure);
        Assert.Contains("replug", timeout.Message, StringComparison.Ordinal);
        Assert.Null(AtFailures.Translate("/dev/ttyUSB2", "reading", new OperationCanceledException()));
    }

    [Theory]
    [InlineData(new[] { RegistrationStatus.NotRegistered, RegistrationStatus.Home }, Registration.Home)]
    [InlineData(new[] { RegistrationStatus.Searching, RegistrationStatus.Roaming }, Registration.Roaming)]
    [InlineData(new[] { RegistrationStatus.NotRegistered, RegistrationStatus.Searching }, Registration.Searching)]
    [InlineData(new[] { RegistrationStatus.Denied }, Registration.Denied)]
    [InlineData(new RegistrationStatus[0], Registration.Unknown)]
    public void Registration_AnyDomainRegistered_IsRegistered(RegistrationStatus[] statuses, Registration expected) =>
        Assert.Equal(expected, AtRegistration.Combined(statuses));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(15, 48)]
    [InlineData(31, 100)]
    [InlineData(99, null)]
    public void Signal_RssiToPercent_AsModemManager(int rssi, int? percent) =>
        Assert.Equal(percent, AtRegistration.SignalPercent(new WwanDaemon.At.Parsers.SignalQuality(rssi, 99)));

    [Theory]
    [InlineData("+CREG: 1,\"00C3\",\"01A2D01\",7", "+CREG: 2,1,\"00C3\",\"01A2D01\",7")]
    [InlineData("+CREG: 2,1,\"00C3\",\"01A2D01\",7", "+CREG: 1,\"00C3\",\"01A2D01\",7")]
    public void RegistrationRead_WithAUrcInTheAnswer_TheReadFormWins(string first, string second)
    {
        var report = AtRegistration.ParseReadAmongUnsolicited([first, second], configuredMode: 2);

        Assert.Equal(2, report.Mode);
        Assert.Equal(RegistrationStatus.Home, report.Status);
    }
}
