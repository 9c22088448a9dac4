using WwanDaemon.At.Client;
using WwanDaemon.At.Commands;
using WwanDaemon.At.Lines;
using WwanDaemon.At.Parsers;
using WwanDaemon.Linux.Sysfs;
using WwanDaemon.Simulator.Modem;
using WwanDaemon.Simulator.Sysfs;
using WwanDaemon.Usb.Text;

namespace WwanDaemon.Simulator.Tests;

/// <summary>
/// Seed 000's SIM7600G-H (1e0e:9011, RNDIS + AT): AT+QCFG unsupported, AT+CUSBPIDSWITCH switching
/// the USB composition with a re-enumeration the fake sysfs tree shows, $QCRMCALL data calls.
/// </summary>
public sealed class SimulatedSim7600Tests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "sim7600-sysfs-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Qcfg_IsUnsupported_PlainErrorAndCmeErrorWithCmee()
    {
        await using var link = new SimulatedAtLink("sim7600-rndis");

        var plain = await link.SendAsync(AtCommand.Set("+QCFG", AtArgument.Quoted("usbnet", "item")));
        await link.OkAsync(AtCommand.Set("+CMEE", AtArgument.Number(1)));
        var numeric = await link.SendAsync(AtCommand.Set("+QCFG", AtArgument.Quoted("usbnet", "item"), AtArgument.Number(0)));

        Assert.Equal(AtFinalResultKind.Error, plain.Final.Kind);
        Assert.Equal(AtFinalResultKind.CmeError, numeric.Final.Kind);
        Assert.Equal(0, link.Port.HandlerFailures);
    }

    [Fact]
    public async Task CusbPidSwitch_ReadAndTestForms_Parse()
    {
        await using var link = new SimulatedAtLink("sim7600-rndis");

        var pid = UsbCompositionParsers.ParseSimcomPid(await link.OkAsync(AtCommand.Read("+CUSBPIDSWITCH")));
        var choices = UsbCompositionParsers.ParseSimcomPidChoices(await link.OkAsync(AtCommand.Test("+CUSBPIDSWITCH")));

        Assert.Equal(link.Modem.UsbProductId, pid);
        Assert.Equal((ushort)0x9011, pid);
        Assert.Contains((ushort)0x9001, choices);
        Assert.Contains((ushort)0x9003, choices);
    }

    [Fact]
    public void Composition9011_IsSeed000sDescriptorsWithDriversBound()
    {
        var seed = UsbDumpReader.Read(Fixtures.Read("seeds/seed-000-sim7600g-h-1e0e-9011.txt"), "seed-000").Single();

        var simulated = UsbCompositions.Get(0x1e0e, 0x9011, "1-1");

        Assert.Equal(seed.Active!.Interfaces.Select(i => (i.Number, i.Class, i.Endpoints)), simulated.Active!.Interfaces.Select(i => (i.Number, i.Class, i.Endpoints)));
        Assert.Equal(seed.Active.Associations, simulated.Active.Associations);
        Assert.Equal(["rndis_host", "rndis_host", "option", "option", "option", "option", "option"], simulated.Active.Interfaces.Select(i => i.Driver));
    }

    [Theory]
    [InlineData("9001", 5, "ff/ff/ff", "qmi_wwan")]
    [InlineData("9003", 5, "02/0e/00", "cdc_mbim")]
    public async Task CusbPidSwitch_OkThenTheModemReenumeratesIntoTheNewComposition(string pid, int controlInterface, string controlClass, string driver)
    {
        var tree = new FakeSysfsTree(root);
        await using var link = new SimulatedAtLink("sim7600-rndis");
        using var usb = new SimulatedUsbDevice(tree, link.Modem, "1-1.2");
        var events = new List<FakeSysfsEvent>();
        tree.Changed += events.Add;
        var reader = new SysfsUsbReader(root);
        Assert.Equal(0x9011, reader.Read("1-1.2").ProductId);

        var switched = await link.SendAsync(AtCommand.Set("+CUSBPIDSWITCH", AtArgument.Token(pid, "pid"), AtArgument.Number(1), AtArgument.Number(1)));

        Assert.True(switched.IsOk, switched.Final.ToString());
        // The port is gone, like an unplugged tty: the next command fails at once, nothing hangs.
        await link.Serving.WaitAsync(TimeSpan.FromSeconds(20));
        await Assert.ThrowsAsync<AtPortGoneException>(() => link.SendAsync(AtCommand.Attention));
        Assert.Contains("re-enumerated as 1e0e:" + pid, link.Port.GoneBecause);
        Assert.Equal([FakeSysfsAction.Remove, FakeSysfsAction.Add], events.Select(e => e.Action));
        var device = reader.Read("1-1.2");
        Assert.Equal(Convert.ToUInt16(pid, 16), device.ProductId);
        Assert.Equal(device.Active, events[1].Device!.Active);
        var control = device.Active!.Describing(controlInterface)!;
        Assert.Equal(controlClass, control.Class.ToString());
        Assert.Equal(driver, control.Driver);
        Assert.DoesNotContain(device.Active.Interfaces, i => i.Driver == "rndis_host");
        Assert.True(Directory.Exists(Path.Combine(root, "bus", "usb", "drivers", "rndis_host")), "drivers outlive the devices they drove");
        Assert.Equal((ushort)Convert.ToUInt16(pid, 16), link.Modem.UsbProductId);
        Assert.Equal(1, usb.Reenumerations);
        Assert.Equal(0, link.Port.HandlerFailures);
    }

    [Fact]
    public async Task CusbPidSwitch_WithoutReset_WaitsForCreset()
    {
        var tree = new FakeSysfsTree(root);
        await using var link = new SimulatedAtLink("sim7600-rndis");
        using var usb = new SimulatedUsbDevice(tree, link.Modem, "1-3");

        await link.OkAsync(AtCommand.Set("+CUSBPIDSWITCH", AtArgument.Token("9001", "pid"), AtArgument.Number(1), AtArgument.Number(0)));
        Assert.Equal((ushort)0x9011, UsbCompositionParsers.ParseSimcomPid(await link.OkAsync(AtCommand.Read("+CUSBPIDSWITCH"))));
        Assert.Equal(0x9011, new SysfsUsbReader(root).Read("1-3").ProductId);

        await link.OkAsync(AtCommand.Execute("+CRESET"));
        await link.Serving.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0x9001, new SysfsUsbReader(root).Read("1-3").ProductId);
    }

    [Fact]
    public async Task CusbPidSwitch_ToACompositionTheSimulatorDoesNotKnow_CmeError4AndNoSwitch()
    {
        await using var link = new SimulatedAtLink("sim7600-rndis");
        await link.OkAsync(AtCommand.Set("+CMEE", AtArgument.Number(1)));

        var refused = await link.SendAsync(AtCommand.Set("+CUSBPIDSWITCH", AtArgument.Token("9020", "pid"), AtArgument.Number(1), AtArgument.Number(1)));

        Assert.Equal(CmeErrors.OperationNotSupported, refused.Final.Code);
        Assert.Equal((ushort)0x9011, link.Modem.UsbProductId);
        Assert.Null(link.Port.GoneBecause);
    }

    [Fact]
    public async Task Qcrmcall_AfterCgdcont_ConnectsOnTheContextsApn()
    {
        await using var link = new SimulatedAtLink("sim7600-rndis");
        await link.OkAsync(AtCommand.Set("+CMEE", AtArgument.Number(1)));

        var undefined = await link.SendAsync(AtCommand.Set("$QCRMCALL", AtArgument.Number(1), AtArgument.Number(1)));
        Assert.Equal(CmeErrors.OperationNotAllowed, undefined.Final.Code);
        await link.OkAsync(AtCommand.Set("+CGDCONT", AtArgument.Number(1), AtArgument.Quoted("IP", "PDP type"), AtArgument.Apn("internet")));

        var call = DataCallParsers.ParseQcrmcall(await link.OkAsync(AtCommand.Set("$QCRMCALL", AtArgument.Number(1), AtArgument.Number(1))));

        var family = Assert.Single(call);
        Assert.Equal(("V4", true), (family.Family, family.Connected));
        var session = Assert.Single(link.Modem.Sessions);
        Assert.Equal("internet", session.Apn);
        Assert.Equal(session, link.Modem.PdpContextSession(1));
        Assert.Equal(session.Ipv4, PdpParsers.ParseAddresses(await link.OkAsync(AtCommand.Set("+CGPADDR", AtArgument.Number(1))))[0].Ipv4);
        Assert.Single(DataCallParsers.ParseQcrmcall(await link.OkAsync(AtCommand.Read("$QCRMCALL"))));

        await link.OkAsync(AtCommand.Set("$QCRMCALL", AtArgument.Number(0), AtArgument.Number(1)));
        Assert.Empty(DataCallParsers.ParseQcrmcall(await link.OkAsync(AtCommand.Read("$QCRMCALL"))));
        Assert.Empty(link.Modem.Sessions);
        Assert.Equal(0, link.Port.HandlerFailures);
    }

    [Fact]
    public async Task Qcrmcall_DualStack_OneLinePerFamily()
    {
        await using var link = new SimulatedAtLink("sim7600-rndis");
        await link.OkAsync(AtCommand.Set("+CGDCONT", AtArgument.Number(1), AtArgument.Quoted("IPV4V6", "PDP type"), AtArgument.Apn("internet")));

        var call = DataCallParsers.ParseQcrmcall(await link.OkAsync(AtCommand.Set("$QCRMCALL", AtArgument.Number(1), AtArgument.Number(1), AtArgument.Number(3))));

        Assert.Equal(["V4", "V6"], call.Select(f => f.Family));
        Assert.NotNull(Assert.Single(link.Modem.Sessions).Ipv6);
    }

    [Fact]
    public async Task SimcomCounters_SpicFollowsTheSim()
    {
        await using var link = new SimulatedAtLink("sim7600-rndis");

        var counters = SimParsers.ParseSimcomSpic(await link.OkAsync(AtCommand.Execute("+SPIC")));

        Assert.Equal((link.Modem.Sim.PinRetries, link.Modem.Sim.PukRetries), (counters.Pin1, counters.Puk1));
    }
}
