using WwanDaemon.Composition.Classification;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Composition.Planning;
using WwanDaemon.Usb.Model;
using WwanDaemon.Usb.Text;
using KnowledgeBaseData = WwanDaemon.Composition.KnowledgeBase.KnowledgeBase;

namespace WwanDaemon.Composition.Tests;

/// <summary>Devices the knowledge base does not name are classified by class codes, vendor codes and endpoint shapes.</summary>
public class HeuristicsTests
{
    private const string Interrupt = "E:  Ad=81(I) Atr=03(Int.) MxPS=   8 Ivl=32ms\n";
    private const string BulkPair = "E:  Ad=82(I) Atr=02(Bulk) MxPS= 512 Ivl=0ms\nE:  Ad=01(O) Atr=02(Bulk) MxPS= 512 Ivl=0ms\n";

    private static CompositionPlan Plan(string vidPid, string interfaces)
    {
        var parts = vidPid.Split(':');
        var text = $"P:  Vendor={parts[0]} ProdID={parts[1]} Rev= 1.00\nC:* #Ifs= 9 Cfg#= 1 Atr=a0 MxPwr=500mA\n" + interfaces;
        var device = Assert.Single(DevicesFileReader.Read(text, vidPid));
        return CompositionPlanner.Plan(device, KnowledgeBaseData.Embedded, CompositionPolicy.Keep);
    }

    private static string Interface(int number, string triple, string endpoints, int alternate = 0)
    {
        var codes = triple.Split('/');
        return $"I:* If#= {number} Alt= {alternate} #EPs= 3 Cls={codes[0]} Sub={codes[1]} Prot={codes[2]} Driver=(none)\n" + endpoints;
    }

    private static ClassifiedInterface Role(CompositionPlan plan, int number) => plan.Interfaces.Single(i => i.Number == number).Classification;

    [Fact]
    public void UnknownQualcommStyle_FfFfFfWithInterruptIsQmi_WithoutIsASerialPortToProbe()
    {
        var plan = Plan("f00d:0001", Interface(0, "ff/ff/ff", BulkPair) + Interface(1, "ff/00/00", Interrupt + BulkPair) + Interface(4, "ff/ff/ff", Interrupt + BulkPair));

        Assert.Equal((InterfaceRole.Serial, RoleEvidenceKind.Heuristic), (Role(plan, 0).Role, Role(plan, 0).Evidence));
        Assert.Equal((InterfaceRole.Qmi, RoleEvidenceKind.Heuristic), (Role(plan, 4).Role, Role(plan, 4).Evidence));
        Assert.Equal(new ControlPort(ControlProtocol.Qmi, 4), plan.Control);
        Assert.Equal("qmi_wwan", plan.NetDriver);
        Assert.Equal([1, 0], plan.AtInterfaces); // the port with an interrupt endpoint first
        Assert.Contains(plan.Warnings, w => w.Contains("not in the knowledge base", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("02/0e/00", "0a/00/02", InterfaceRole.MbimControl, InterfaceRole.MbimData, "cdc_mbim", ControlProtocol.Mbim)]
    [InlineData("02/0d/00", "0a/00/01", InterfaceRole.NcmControl, InterfaceRole.NcmData, "cdc_ncm", ControlProtocol.None)]
    [InlineData("02/06/00", "0a/00/00", InterfaceRole.EcmControl, InterfaceRole.EcmData, "cdc_ether", ControlProtocol.None)]
    [InlineData("e0/01/03", "0a/00/00", InterfaceRole.RndisControl, InterfaceRole.RndisData, "rndis_host", ControlProtocol.None)]
    [InlineData("02/02/ff", "0a/00/00", InterfaceRole.RndisControl, InterfaceRole.RndisData, "rndis_host", ControlProtocol.None)]
    public void StandardClasses_ControlAndDataPairs(string control, string data, InterfaceRole controlRole, InterfaceRole dataRole, string netDriver, ControlProtocol protocol)
    {
        var plan = Plan("f00d:0002", Interface(0, control, Interrupt) + Interface(1, data, "") + Interface(1, data, BulkPair, alternate: 1));

        Assert.Equal(controlRole, Role(plan, 0).Role);
        Assert.Equal(dataRole, Role(plan, 1).Role);
        Assert.Equal(netDriver, plan.NetDriver);
        Assert.Equal(protocol, plan.Control.Protocol);
    }

    [Fact]
    public void SameProtocolCode_MeansNmeaForQuectelAndAtForSimcom()
    {
        // Not in the knowledge base by PID (made-up products); the vendors' protocol codes decide.
        var quectel = Plan("2c7c:fff0", Interface(2, "ff/00/40", Interrupt + BulkPair));
        var simcom = Plan("1e0e:fff0", Interface(2, "ff/ff/40", Interrupt + BulkPair));
        var unknown = Plan("f00d:fff0", Interface(2, "ff/ff/40", Interrupt + BulkPair));

        Assert.Equal((InterfaceRole.Gps, RoleEvidenceKind.VendorProtocol), (Role(quectel, 2).Role, Role(quectel, 2).Evidence));
        Assert.Equal((InterfaceRole.At, RoleEvidenceKind.VendorProtocol), (Role(simcom, 2).Role, Role(simcom, 2).Evidence));
        Assert.Equal((InterfaceRole.Serial, RoleEvidenceKind.Heuristic), (Role(unknown, 2).Role, Role(unknown, 2).Evidence));
        Assert.Empty(quectel.AtInterfaces);
    }

    [Fact]
    public void SingleVendorInterfaceWithBulkPairOnly_IsADownloadMode()
    {
        var plan = Plan("f00d:9008", Interface(0, "ff/ff/10", BulkPair));

        Assert.Equal(InterfaceRole.FirmwareDownload, Role(plan, 0).Role);
        Assert.Equal(ControlProtocol.None, plan.Control.Protocol);
        Assert.Contains(plan.Warnings, w => w.Contains("firmware download mode", StringComparison.Ordinal));
    }

    [Fact]
    public void IadThatClaimsMbimOverAnNcmFunction_IsReported()
    {
        var text = "A:  FirstIf#= 0 IfCount= 2 Cls=02(comm.) Sub=0e Prot=00\n" + Interface(0, "02/0d/00", Interrupt) + Interface(1, "0a/00/01", BulkPair);
        var plan = Plan("f00d:0003", text);

        Assert.Contains(plan.Warnings, w => w.Contains("a CDC NCM function", StringComparison.Ordinal) && w.Contains("claims MBIM (02/0e/00)", StringComparison.Ordinal));
    }
}
