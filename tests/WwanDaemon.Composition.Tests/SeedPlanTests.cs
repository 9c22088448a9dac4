using WwanDaemon.Composition.Diagnosis;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Usb.Model;
using WwanDaemon.Usb.Text;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Composition.Tests;

/// <summary>The five seed threads (data/samples/seeds, provenance in its README) give the answers issue 2 asks for.</summary>
public class SeedPlanTests
{
    private static DeviceDiagnosis Diagnose(string seed, CompositionPolicy policy)
    {
        var file = Directory.GetFiles(Fixtures.Path("seeds"), seed + "*.txt").Single();
        return Assert.Single(Diagnoser.FromText(File.ReadAllText(file), file, policy, KnowledgeBaseData.Embedded));
    }

    [Fact]
    public void Seed000_Sim7600Rndis_NoControlRndisHostIadWarningAndOptInPidSwitches()
    {
        var plan = Diagnose("seed-000", CompositionPolicy.PreferMbim).Plan;

        Assert.Equal(ControlProtocol.None, plan.Control.Protocol);
        Assert.Equal("rndis_host", plan.NetDriver);
        Assert.Equal(InterfaceRole.RndisControl, plan.Interfaces[0].Role);
        Assert.Equal(InterfaceRole.RndisData, plan.Interfaces[1].Role);
        Assert.Equal(4, plan.AtInterfaces[0]);
        Assert.Contains(plan.Warnings, w => w.Contains("RNDIS function", StringComparison.Ordinal) && w.Contains("claims CDC ECM (02/06/00)", StringComparison.Ordinal));
        var switches = plan.Actions.Where(a => a.Kind == PlanActionKind.AtModeSwitch).ToArray();
        Assert.All(switches, a => Assert.True(a.OptIn));
        Assert.Contains(switches, a => a.Value == "AT+CUSBPIDSWITCH=9001,1,1");
        Assert.Contains(switches, a => a.Value == "AT+CUSBPIDSWITCH=9003,1,1");
        Assert.All(switches, a => Assert.Equal(4, a.Interface));
    }

    [Fact]
    public void Seed001_Dw5570_PreferMbimKeepsMbimAndWarnsFirstProtocolWins()
    {
        var plan = Diagnose("seed-001", CompositionPolicy.PreferMbim).Plan;

        Assert.Equal(2, plan.RecommendedConfiguration);
        Assert.Equal(new ControlPort(ControlProtocol.Mbim, 12), plan.Control);
        Assert.Equal("cdc_mbim", plan.NetDriver);
        Assert.Contains(plan.Warnings, w => w.Contains("speak only MBIM", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed001_Dw5570_PreferQmiSelectsConfigurationOneThroughAUdevRule()
    {
        var plan = Diagnose("seed-001", CompositionPolicy.PreferQmi).Plan;

        Assert.Equal(1, plan.RecommendedConfiguration);
        Assert.Equal(new ControlPort(ControlProtocol.Qmi, 8), plan.Control);
        Assert.Contains(plan.Actions, a => a.Kind == PlanActionKind.SetConfiguration && a.Value == "1");
        Assert.Contains("ATTR{idVendor}==\"413c\", ATTR{idProduct}==\"81a3\", ATTR{bConfigurationValue}!=\"1\", ATTR{bConfigurationValue}=\"1\"", plan.UdevRule, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed002_Mc8355_GobiLayoutAndReEnumerationFromTheLog()
    {
        var diagnosis = Diagnose("seed-002", CompositionPolicy.PreferMbim);

        Assert.Equal(new ControlPort(ControlProtocol.Qmi, 0), diagnosis.Plan.Control);
        Assert.Equal("qmi_wwan", diagnosis.Plan.NetDriver);
        Assert.Equal(2, diagnosis.Plan.AtInterfaces[0]);
        Assert.Contains(diagnosis.LogFindings, f => f.Contains("2.7 s later", StringComparison.Ordinal) && f.Contains("re-enumerated", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed003_Em7355_MbimWithQmiOverMbimFccUnlock()
    {
        var plan = Diagnose("seed-003", CompositionPolicy.PreferMbim).Plan;

        Assert.Equal(ControlProtocol.Mbim, plan.Control.Protocol);
        Assert.Equal("cdc_mbim", plan.NetDriver);
        Assert.NotNull(plan.Knowledge?.Quirk("fcc-unlock-qmi-over-mbim"));
        Assert.Contains(plan.Warnings, w => w.Contains("through MBIM's QMI service", StringComparison.Ordinal));
    }

    [Fact]
    public void Seed004_Lt4112_PreferMbimSelectsThreeUnbindsQcserialAndBindsCdcMbim()
    {
        var plan = Diagnose("seed-004", CompositionPolicy.PreferMbim).Plan;

        Assert.Equal(3, plan.RecommendedConfiguration);
        Assert.Equal(new ControlPort(ControlProtocol.Mbim, 0), plan.Control);
        // In this order: cdc_mbim claims the data interface while binding, so both must be free first.
        Assert.Equal(
            [
                (PlanActionKind.SetConfiguration, null, null, "3"),
                (PlanActionKind.Unbind, 0, "qcserial", "2-6:3.0"),
                (PlanActionKind.Unbind, 1, "qcserial", "2-6:3.1"),
                (PlanActionKind.Bind, 0, "cdc_mbim", "2-6:3.0"),
            ],
            plan.Actions.Where(a => !a.OptIn).Select(a => (a.Kind, a.Interface, a.Driver, a.Value)).ToArray());
        Assert.Contains("DRIVER==\"qcserial\"", plan.UdevRule, StringComparison.Ordinal);
    }

    [Fact]
    public void Seed004_Lt4112_PreferQmiSelectsOneWithQmiOnInterfaceThree()
    {
        var plan = Diagnose("seed-004", CompositionPolicy.PreferQmi).Plan;

        Assert.Equal(1, plan.RecommendedConfiguration);
        Assert.Equal(new ControlPort(ControlProtocol.Qmi, 3), plan.Control);
        Assert.Equal("qmi_wwan", plan.Interfaces.Single(i => i.Number == 3).Driver);
    }

    [Fact]
    public void Seed004_Lt4112_With2015KernelTable_BindsInterfaceThreeThroughNewId()
    {
        // The 2015 kernel's qmi_wwan table named interface 4 while QMI is on 3 (seed 004);
        // configuration 1 is active and qmi_wwan did not take interface 3.
        var fromSeed = Assert.Single(UsbDumpReader.Read(File.ReadAllText(Directory.GetFiles(Fixtures.Path("seeds"), "seed-004*.txt").Single()), "seed-004"));
        var device = fromSeed with
        {
            ActiveConfiguration = 1,
            Configurations = fromSeed.Configurations.Select(c => c with { Interfaces = c.Interfaces.Select(i => i with { Driver = c.Value == 1 && i.Number < 3 ? "qcserial" : null }).ToEquatableList() }).ToEquatableList(),
        };
        var kernel2015 = KnowledgeBaseData.Load([("kernel-2015.json", """
            { "schemaVersion": 1, "dataVersion": "test", "sources": { "qmi_wwan-2015": "qmi_wwan.c before the Nov 2015 fix", "seed-004": "seed 004" },
              "devices": [ { "vid": "03f0", "pid": "581d", "interfaces": [ { "number": 3, "role": "qmi", "source": "seed-004" } ],
                             "kernelDrivers": [ { "driver": "qmi_wwan", "match": "interfaces", "interfaces": [4], "source": "qmi_wwan-2015" } ] } ] }
            """)]);

        var plan = CompositionPlanner.Plan(device, kernel2015, CompositionPolicy.PreferQmi);

        Assert.Equal(new ControlPort(ControlProtocol.Qmi, 3), plan.Control);
        var newId = Assert.Single(plan.Actions, a => a.Kind == PlanActionKind.NewId && a.Driver == "qmi_wwan");
        Assert.Equal(("qmi_wwan", "03f0 581d ff", "/sys/bus/usb/drivers/qmi_wwan/new_id"), (newId.Driver, newId.Value, newId.Path));
        Assert.Contains(plan.Actions, a => a.Kind == PlanActionKind.Bind && a.Driver == "qmi_wwan" && a.Value == "2-6:1.3");
    }
}

public class KernelLogTests
{
    [Fact]
    public void OverflowingNumbersInALogLine_AreSkippedNotFatal()
    {
        var text = File.ReadAllText(Directory.GetFiles(Fixtures.Path("seeds"), "seed-002*.txt").Single())
            + "\n[5.1] qmi_wwan 1-1:99999999999.4: garbled\n[ 99999999999999999999999.1] qmi_wwan 1-1:1.0 wwan0: unregister 'qmi_wwan'\n";

        var diagnosis = Assert.Single(Diagnoser.FromText(text, "seed-002+garbage", CompositionPolicy.PreferMbim, KnowledgeBaseData.Embedded));

        Assert.Equal(ControlProtocol.Qmi, diagnosis.Plan.Control.Protocol);
    }

    [Fact]
    public void LogOfAnotherDevice_DoesNotSetTheActiveConfiguration()
    {
        var lsusb = File.ReadAllText(Directory.GetFiles(Fixtures.Path("seeds"), "seed-001*.txt").Single());
        // A log line about interface 9 of configuration 3, which the DW5570 does not have.
        var text = lsusb + "\n[ 3.1] cdc_mbim 2-4:3.9: cdc-wdm1: USB WDM device\n";

        var plan = Assert.Single(Diagnoser.FromText(text, "seed-001", CompositionPolicy.PreferMbim, KnowledgeBaseData.Embedded)).Plan;

        Assert.Null(plan.Device.ActiveConfiguration);
        Assert.Null(plan.Device.BusPath);
    }

    [Fact]
    public void LogOfThisDevice_TellsTheActiveConfigurationAndBusPath()
    {
        var lsusb = File.ReadAllText(Directory.GetFiles(Fixtures.Path("seeds"), "seed-001*.txt").Single());
        var text = lsusb + "\nOct 27 10:58:44  kernel: cdc_mbim 1-7:2.12: cdc-wdm0: USB WDM device\n";

        var plan = Assert.Single(Diagnoser.FromText(text, "seed-001", CompositionPolicy.PreferQmi, KnowledgeBaseData.Embedded)).Plan;

        Assert.Equal(2, plan.Device.ActiveConfiguration);
        Assert.Equal("1-7", plan.Device.BusPath);
        Assert.Contains(plan.Actions, a => a.Kind == PlanActionKind.SetConfiguration && a.Path == "/sys/bus/usb/devices/1-7/bConfigurationValue" && a.Value == "1");
    }
}
