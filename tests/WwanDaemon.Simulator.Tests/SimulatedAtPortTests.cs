using WwanDaemon.At.Commands;
using WwanDaemon.At.Lines;
using WwanDaemon.At.Parsers;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// The simulated AT port driven by the host's AtChannel and parsers over an in-memory link: what the
/// host reads must equal the shared model's state.
/// </summary>
public class SimulatedAtPortTests
{
    [Fact]
    public async Task Identity_ParsersReadTheProfileAndSim()
    {
        await using var link = new SimulatedAtLink("sim7600-rndis");
        var profile = link.Modem.Profile;

        Assert.Equal(profile.Manufacturer, IdentityParsers.ParseManufacturer(await link.OkAsync(AtCommand.Execute("+CGMI"))));
        Assert.Equal(profile.Model, IdentityParsers.ParseModel(await link.OkAsync(AtCommand.Execute("+CGMM"))));
        Assert.Equal(profile.Revision, IdentityParsers.ParseRevision(await link.OkAsync(AtCommand.Execute("+CGMR"))));
        Assert.Equal(profile.Imei, IdentityParsers.ParseSerialNumber(await link.OkAsync(AtCommand.Execute("+CGSN"))));
        Assert.Equal(profile.Imei, IdentityParsers.ParseSerialNumber(await link.OkAsync(AtCommand.Execute("+GSN"))));
        Assert.Equal(link.Modem.Sim.Imsi, IdentityParsers.ParseImsi(await link.OkAsync(AtCommand.Execute("+CIMI"))));
        Assert.Equal(link.Modem.Sim.Iccid, IdentityParsers.ParseIccid(await link.OkAsync(AtCommand.Execute("+CCID"))));
        Assert.Equal(link.Modem.Sim.Iccid, IdentityParsers.ParseIccid(await link.OkAsync(AtCommand.Execute("+CICCID"))));
        var information = await link.OkAsync(AtCommand.Execute("I"));
        Assert.Contains($"Model: {profile.Model}", information);
        Assert.Equal(0, link.Port.HandlerFailures);
    }

    [Fact]
    public async Task Echo_OnByDefault_Ate0TurnsItOff_AnswersStillParse()
    {
        await using var link = new SimulatedAtLink();

        Assert.True(link.Port.Session.Echo);
        Assert.Single(await link.OkAsync(AtCommand.Execute("+CSQ")));
        await link.OkAsync(AtCommand.Execute("E0"));
        Assert.False(link.Port.Session.Echo);
        var signal = SignalParsers.ParseCsq(await link.OkAsync(AtCommand.Execute("+CSQ")));
        Assert.Equal((link.Modem.Signal.RssiDbm + 113) / 2, signal.Rssi);
        Assert.Equal(0, link.Port.HandlerFailures);
    }

    [Fact]
    public async Task UnknownCommand_ErrorThenCmeErrorOnceCmeeIsOn()
    {
        await using var link = new SimulatedAtLink();

        Assert.Equal(AtFinalResultKind.Error, (await link.SendAsync(AtCommand.Execute("+XYZZY"))).Final.Kind);
        await link.OkAsync(AtCommand.Set("+CMEE", AtArgument.Number(1)));
        var numeric = (await link.SendAsync(AtCommand.Execute("+XYZZY"))).Final;
        await link.OkAsync(AtCommand.Set("+CMEE", AtArgument.Number(2)));
        var verbose = (await link.SendAsync(AtCommand.Execute("+XYZZY"))).Final;

        Assert.Equal((AtFinalResultKind.CmeError, CmeErrors.OperationNotSupported), (numeric.Kind, numeric.Code));
        Assert.Equal((AtFinalResultKind.CmeError, CmeErrors.OperationNotSupported), (verbose.Kind, verbose.Code));
        Assert.Equal("operation not supported", verbose.Text);
    }

    [Fact]
    public async Task PinFlow_WrongPinCostsARetry_RightPinUnlocks_RegistrationFollows()
    {
        await using var link = new SimulatedAtLink("pin-locked");
        await link.OkAsync(AtCommand.Set("+CMEE", AtArgument.Number(1)));

        Assert.Equal(SimLockState.SimPin, SimParsers.ParsePinState(await link.OkAsync(AtCommand.Read("+CPIN"))));
        var imsi = (await link.SendAsync(AtCommand.Execute("+CIMI"))).Final;
        Assert.Equal(CmeErrors.SimPinRequired, imsi.Code);
        Assert.Equal(RegistrationStatus.NotRegistered, RegistrationParsers.ParseRead(await link.OkAsync(AtCommand.Read("+CEREG"))).Status);

        var wrong = (await link.SendAsync(AtCommand.Set("+CPIN", AtArgument.Pin("0000")))).Final;
        Assert.Equal((AtFinalResultKind.CmeError, CmeErrors.IncorrectPassword), (wrong.Kind, wrong.Code));
        var counters = SimParsers.ParseCpinr(await link.OkAsync(AtCommand.Execute("+CPINR")));
        Assert.Equal(link.Modem.Sim.PinRetries, counters.Pin1);
        Assert.Equal(SimCard.DefaultPinRetries - 1, counters.Pin1);
        Assert.Equal(link.Modem.Sim.PukRetries, counters.Puk1);

        await link.OkAsync(AtCommand.Set("+CEREG", AtArgument.Number(1)));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var urcs = link.Channel.UnsolicitedAsync(stop.Token).GetAsyncEnumerator(stop.Token);
        await link.OkAsync(AtCommand.Set("+CPIN", AtArgument.Pin(link.Modem.Profile.Sim.Pin)));
        Assert.True(await urcs.MoveNextAsync());
        Assert.Equal(RegistrationStatus.Home, RegistrationParsers.ParseUnsolicited(urcs.Current.Line).Status);
        await urcs.DisposeAsync();
        Assert.Equal(SimLockState.Ready, SimParsers.ParsePinState(await link.OkAsync(AtCommand.Read("+CPIN"))));
        Assert.Equal(SimState.Ready, link.Modem.Sim.State);
        var registration = RegistrationParsers.ParseRead(await link.OkAsync(AtCommand.Read("+CEREG")));
        Assert.True(registration.IsRegistered);
        Assert.Equal(link.Modem.Sim.Imsi, IdentityParsers.ParseImsi(await link.OkAsync(AtCommand.Execute("+CIMI"))));
        Assert.Equal(0, link.Port.HandlerFailures);
    }

    [Fact]
    public async Task Puk_ThreeWrongPinsBlock_PukAndNewPinUnblock()
    {
        await using var link = new SimulatedAtLink("pin-locked");
        await link.OkAsync(AtCommand.Set("+CMEE", AtArgument.Number(1)));
        for (var i = 0; i < SimCard.DefaultPinRetries; i++)
        {
            Assert.Equal(CmeErrors.IncorrectPassword, (await link.SendAsync(AtCommand.Set("+CPIN", AtArgument.Pin("0000")))).Final.Code);
        }

        Assert.Equal(SimLockState.SimPuk, SimParsers.ParsePinState(await link.OkAsync(AtCommand.Read("+CPIN"))));
        Assert.Equal(CmeErrors.SimPukRequired, (await link.SendAsync(AtCommand.Execute("+CIMI"))).Final.Code);
        Assert.Equal(CmeErrors.IncorrectPassword, (await link.SendAsync(AtCommand.Set("+CPIN", AtArgument.Pin("11111111"), AtArgument.Pin("4321")))).Final.Code);
        Assert.Equal(link.Modem.Sim.PukRetries, SimParsers.ParseCpinr(await link.OkAsync(AtCommand.Execute("+CPINR"))).Puk1);
        await link.OkAsync(AtCommand.Set("+CPIN", AtArgument.Pin(link.Modem.Profile.Sim.Puk), AtArgument.Pin("4321")));

        Assert.Equal(SimLockState.Ready, SimParsers.ParsePinState(await link.OkAsync(AtCommand.Read("+CPIN"))));
        Assert.Equal("4321", link.Modem.Sim.Pin);
    }

    [Fact]
    public async Task NoSim_CpinAndCimiAnswerCmeError10()
    {
        await using var link = new SimulatedAtLink("no-sim");
        await link.OkAsync(AtCommand.Set("+CMEE", AtArgument.Number(2)));

        var pin = (await link.SendAsync(AtCommand.Read("+CPIN"))).Final;
        Assert.Equal((CmeErrors.SimNotInserted, "SIM not inserted"), (pin.Code, pin.Text));
        Assert.Equal(CmeErrors.SimNotInserted, (await link.SendAsync(AtCommand.Execute("+CIMI"))).Final.Code);
    }
}
