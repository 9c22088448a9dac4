using System.Net;
using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;
using WwanDaemon.At.Lines;
using WwanDaemon.At.Parsers;
using WwanDaemon.Simulator.At;
using WwanDaemon.Simulator.Modem;
using ModemSignal = WwanDaemon.Simulator.Modem.SignalQuality;

namespace WwanDaemon.Simulator.Tests;

/// <summary>Radio, registration, signal and packet data through the host's AtChannel and parsers.</summary>
public class SimulatedAtNetworkTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Registration_ReadFormsFollowTheModel()
    {
        await using var link = new SimulatedAtLink("roaming");
        await link.OkAsync(AtCommand.Set("+CEREG", AtArgument.Number(2)));

        var eps = RegistrationParsers.ParseRead(await link.OkAsync(AtCommand.Read("+CEREG")));
        var cs = RegistrationParsers.ParseRead(await link.OkAsync(AtCommand.Read("+CREG")));
        var operatorSelection = OperatorParsers.ParseSelection(await link.OkAsync(AtCommand.Read("+COPS")));

        Assert.Equal(RegistrationState.Roaming, link.Modem.Registration);
        Assert.Equal((2, RegistrationStatus.Roaming), (eps.Mode, eps.Status));
        Assert.Equal((ulong)link.Modem.Profile.TrackingAreaCode, eps.AreaCode);
        Assert.Equal((ulong)link.Modem.Profile.CellId, eps.CellId);
        Assert.Equal(AccessTechnology.Eutran, eps.Technology);
        Assert.Equal((0, RegistrationStatus.Roaming), (cs.Mode, cs.Status));
        Assert.Equal(link.Modem.Profile.OperatorName, operatorSelection.Operator);

        await link.OkAsync(AtCommand.Set("+COPS", AtArgument.Number(3), AtArgument.Number(2)));
        var numeric = OperatorParsers.ParseSelection(await link.OkAsync(AtCommand.Read("+COPS")));
        Assert.Equal(link.Modem.Profile.OperatorMcc + link.Modem.Profile.OperatorMnc, numeric.Operator);
        var list = OperatorParsers.ParseList(await link.OkAsync(AtCommand.Test("+COPS")));
        Assert.Equal(OperatorAvailability.Current, Assert.Single(list).Availability);
    }

    [Fact]
    public async Task Cfun_RadioOffDeregisters_OnRegistersAgain()
    {
        await using var link = new SimulatedAtLink();

        Assert.Equal(1, FunctionalityParsers.ParseFunctionality(await link.OkAsync(AtCommand.Read("+CFUN"))));
        await link.OkAsync(AtCommand.Set("+CFUN", AtArgument.Number(4)));
        Assert.Equal(OperatingMode.LowPower, link.Modem.Mode);
        Assert.Equal(4, FunctionalityParsers.ParseFunctionality(await link.OkAsync(AtCommand.Read("+CFUN"))));
        Assert.False(RegistrationParsers.ParseRead(await link.OkAsync(AtCommand.Read("+CEREG"))).IsRegistered);
        Assert.Equal(99, SignalParsers.ParseCsq(await link.OkAsync(AtCommand.Execute("+CSQ"))).Rssi);

        await link.OkAsync(AtCommand.Set("+CFUN", AtArgument.Number(1)));
        Assert.True(RegistrationParsers.ParseRead(await link.OkAsync(AtCommand.Read("+CEREG"))).IsRegistered);
    }

    [Fact]
    public async Task FccLocked_CfunOneRefusedWithCmeError3()
    {
        await using var link = new SimulatedAtLink("fcc-locked");
        await link.OkAsync(AtCommand.Set("+CMEE", AtArgument.Number(1)));

        var refused = (await link.SendAsync(AtCommand.Set("+CFUN", AtArgument.Number(1)))).Final;

        Assert.Equal(CmeErrors.OperationNotAllowed, refused.Code);
        Assert.Equal(OperatingMode.LowPower, link.Modem.Mode);
    }

    [Fact]
    public async Task Signal_CsqAndCesqConvertBackToTheModelsValues()
    {
        await using var link = new SimulatedAtLink();
        link.Modem.SetSignal(new ModemSignal(-75, -101, -12.5, 8));

        var csq = SignalParsers.ParseCsq(await link.OkAsync(AtCommand.Execute("+CSQ")));
        var cesq = SignalParsers.ParseCesq(await link.OkAsync(AtCommand.Execute("+CESQ")));

        Assert.Equal(-75, csq.RssiDbm);
        Assert.Equal(-101, cesq.RsrpDbm);
        Assert.Equal(-12.5, cesq.RsrqDb);
        Assert.Null(cesq.RxLevDbm);
    }

    [Fact]
    public async Task RegistrationUrc_ArrivesInTheMiddleOfAnotherCommand_BothParse()
    {
        await using var link = new SimulatedAtLink();
        await link.OkAsync(AtCommand.Set("+CEREG", AtArgument.Number(1)));
        await link.OkAsync(AtCommand.Set("+CREG", AtArgument.Number(2)));
        using var stop = new CancellationTokenSource(Generous);
        var urcs = link.Channel.UnsolicitedAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        // The firmware is busy with +CSQ (echo sent, no answer) until the test releases it, so the
        // URCs below can only arrive while the command waits: no clock decides the interleaving.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        link.Port.Faults.Add(new AtFault("+CSQ", AtFaultKind.Delay, Delay: TimeSpan.FromMinutes(5), Until: release.Task));

        var csq = link.SendAsync(AtCommand.Execute("+CSQ").WithTimeout(TimeSpan.FromMinutes(5)));
        await WaitUntil(() => link.Port.LinesHeard == 3); // the port has AT+CSQ and is busy with it
        link.Modem.SetRegistration(RegistrationState.Searching);
        var first = await Next(urcs);
        var second = await Next(urcs);

        Assert.False(csq.IsCompleted, "the URCs must reach the subscriber while +CSQ still waits for its answer");
        release.SetResult();
        var response = await csq.WaitAsync(Generous);
        Assert.True(response.IsOk);
        var csqLine = Assert.Single(response.Lines);
        Assert.StartsWith("+CSQ: ", csqLine, StringComparison.Ordinal);
        var reports = new[] { first, second }.Select(u => RegistrationParsers.ParseUnsolicited(u.Line)).OrderBy(r => r.Domain).ToArray();
        Assert.Equal((RegistrationDomain.CircuitSwitched, RegistrationStatus.Searching), (reports[0].Domain, reports[0].Status));
        Assert.Equal((RegistrationDomain.Eps, RegistrationStatus.Searching), (reports[1].Domain, reports[1].Status));
        Assert.Equal(0, link.Port.HandlerFailures);
        await urcs.DisposeAsync();
    }

    [Fact]
    public async Task RegistrationUrc_Mode2CarriesLocation_OnlyChangesAreReported()
    {
        await using var link = new SimulatedAtLink();
        await link.OkAsync(AtCommand.Set("+CEREG", AtArgument.Number(2)));
        using var stop = new CancellationTokenSource(Generous);
        var urcs = link.Channel.UnsolicitedAsync(stop.Token).GetAsyncEnumerator(stop.Token);

        link.Modem.SetRegistration(RegistrationState.Home); // no change: no URC
        link.Modem.SetRegistration(RegistrationState.Denied);
        link.Modem.SetRegistration(RegistrationState.Home);

        var denied = RegistrationParsers.ParseUnsolicited((await Next(urcs)).Line);
        var home = RegistrationParsers.ParseUnsolicited((await Next(urcs)).Line);
        Assert.Equal(RegistrationStatus.Denied, denied.Status);
        Assert.Null(denied.AreaCode);
        Assert.Equal(RegistrationStatus.Home, home.Status);
        Assert.Equal((ulong)link.Modem.Profile.TrackingAreaCode, home.AreaCode);
        Assert.Equal((ulong)link.Modem.Profile.CellId, home.CellId);
        await urcs.DisposeAsync();
    }

    [Fact]
    public async Task SignalUrc_Sim7600AutoCsq_ReportsTheNewValue()
    {
        await using var link = new SimulatedAtLink("sim7600-rndis");
        await link.OkAsync(AtCommand.Set("+AUTOCSQ", AtArgument.Number(1), AtArgument.Number(1)));
        using var stop = new CancellationTokenSource(Generous);
        var urcs = link.Channel.UnsolicitedAsync(stop.Token).GetAsyncEnumerator(stop.Token);

        link.Modem.SetSignal(link.Modem.Signal with { RssiDbm = -91 });

        var urc = await Next(urcs);
        Assert.Equal(-91, SignalParsers.ParseCsq([urc.Line]).RssiDbm);
    }

    [Fact]
    public async Task PdpContexts_DefineReadTestActivate_AddressesAreTheSessions()
    {
        await using var link = new SimulatedAtLink();

        var ranges = PdpParsers.ParseContextRanges(await link.OkAsync(AtCommand.Test("+CGDCONT")));
        Assert.Contains(ranges, r => r.PdpType == "IPV4V6" && r.Cids[0] == (1, SimulatedModem.MaxCid));
        await link.OkAsync(AtCommand.Set("+CGDCONT", AtArgument.Number(1), AtArgument.Quoted("IPV4V6", "PDP type"), AtArgument.Apn("internet")));
        var context = Assert.Single(PdpParsers.ParseContexts(await link.OkAsync(AtCommand.Read("+CGDCONT"))));
        Assert.Equal((1, "IPV4V6", "internet"), (context.Cid, context.PdpType, context.Apn));
        Assert.False(Assert.Single(PdpParsers.ParseActivation(await link.OkAsync(AtCommand.Read("+CGACT")))).Active);

        await link.OkAsync(AtCommand.Set("+CGACT", AtArgument.Number(1), AtArgument.Number(1)));

        var session = link.Modem.PdpContextSession(1);
        Assert.NotNull(session);
        Assert.True(Assert.Single(PdpParsers.ParseActivation(await link.OkAsync(AtCommand.Read("+CGACT")))).Active);
        var addresses = Assert.Single(PdpParsers.ParseAddresses(await link.OkAsync(AtCommand.Set("+CGPADDR", AtArgument.Number(1)))));
        Assert.Equal(session.Ipv4, addresses.Ipv4);
        Assert.Equal(session.Ipv6, addresses.Ipv6);
        var parameters = PdpParsers.ParseDynamicParameters(await link.OkAsync(AtCommand.Set("+CGCONTRDP", AtArgument.Number(1))));
        var v4 = parameters.Single(p => p.Address?.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
        Assert.Equal(session.Ipv4, v4.Address);
        Assert.Equal(IPAddress.Parse("255.255.255.0"), v4.SubnetMask);
        Assert.Equal(session.Ipv4Gateway, v4.Gateway);
        Assert.Equal(session.Dns[0], v4.PrimaryDns);
        Assert.Equal(session.Ipv6, parameters.Single(p => p != v4).Address);

        await link.OkAsync(AtCommand.Set("+CGACT", AtArgument.Number(0), AtArgument.Number(1)));
        Assert.Null(link.Modem.PdpContextSession(1));
        Assert.Empty(link.Modem.Sessions);
        Assert.Equal(0, link.Port.HandlerFailures);
    }

    [Fact]
    public async Task PdpContext_RefusedApnAndNoNetwork_GiveCmeErrors()
    {
        await using var link = new SimulatedAtLink();
        await link.OkAsync(AtCommand.Set("+CMEE", AtArgument.Number(1)));
        await link.OkAsync(AtCommand.Set("+CGDCONT", AtArgument.Number(2), AtArgument.Quoted("IP", "PDP type"), AtArgument.Apn("not.allowed")));

        Assert.Equal(133, (await link.SendAsync(AtCommand.Set("+CGACT", AtArgument.Number(1), AtArgument.Number(2)))).Final.Code);
        Assert.Equal(CmeErrors.OperationNotAllowed, (await link.SendAsync(AtCommand.Set("+CGACT", AtArgument.Number(1), AtArgument.Number(7)))).Final.Code);
        link.Modem.SetRegistration(RegistrationState.NotRegistered);
        Assert.Equal(CmeErrors.NoNetworkService, (await link.SendAsync(AtCommand.Set("+CGACT", AtArgument.Number(1), AtArgument.Number(2)))).Final.Code);
    }

    private static async Task<AtUnsolicited> Next(IAsyncEnumerator<AtUnsolicited> urcs)
    {
        Assert.True(await urcs.MoveNextAsync().AsTask().WaitAsync(Generous), "the URC stream ended");
        return urcs.Current;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(Generous);
        while (!condition())
        {
            await Task.Delay(10, limit.Token);
        }
    }
}
