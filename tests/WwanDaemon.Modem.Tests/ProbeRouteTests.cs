using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Modem.Probing;

namespace WwanDaemon.Modem.Tests;

/// <summary>Which protocols a port may hear: decided without I/O from the driver, the plan's role and the quirks.</summary>
public class ProbeRouteTests
{
    [Theory]
    [InlineData("qmi_wwan", InterfaceRole.Qmi, PortProtocol.Qmi)]
    [InlineData("qmi_wwan", InterfaceRole.MbimControl, PortProtocol.Qmi)]
    [InlineData("qmi_wwan", InterfaceRole.Unknown, PortProtocol.Qmi)]
    [InlineData("cdc_mbim", InterfaceRole.MbimControl, PortProtocol.Mbim)]
    [InlineData("cdc_mbim", InterfaceRole.Qmi, PortProtocol.Mbim)]
    [InlineData("huawei_cdc_ncm", InterfaceRole.Unknown, PortProtocol.At)]
    public void For_CdcWdmWithDriver_OnlyTheDriversProtocol(string driver, InterfaceRole role, PortProtocol expected)
    {
        var route = ProbeRoute.For(new ProbePort("/dev/cdc-wdm0", PortKind.CdcWdm, driver, role, 4, PortQuirks.FirstProtocolWins));

        Assert.Equal([expected], route.Protocols);
        Assert.Contains(driver, route.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void For_RoleDisagreesWithDriver_TheDriverDecidesAndTheEvidenceSaysSo()
    {
        var route = ProbeRoute.For(new ProbePort("/dev/cdc-wdm0", PortKind.CdcWdm, "cdc_mbim", InterfaceRole.Qmi));

        Assert.Contains("disagrees", route.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InterfaceRole.Diag)]
    [InlineData(InterfaceRole.Gps)]
    [InlineData(InterfaceRole.Adb)]
    [InlineData(InterfaceRole.Ignore)]
    [InlineData(InterfaceRole.FirmwareDownload)]
    public void For_NotAModemPort_Skipped(InterfaceRole role)
    {
        var route = ProbeRoute.For(new ProbePort("/dev/ttyUSB0", PortKind.Tty, "option", role, 0));

        Assert.True(route.Skips);
        Assert.Contains(role.Name(), route.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void For_CdcWdmFirstProtocolWinsWithNothingToGoBy_SkippedRatherThanGuessed()
    {
        var route = ProbeRoute.For(new ProbePort("/dev/cdc-wdm0", PortKind.CdcWdm, null, InterfaceRole.Unknown, 8, PortQuirks.FirstProtocolWins));

        Assert.True(route.Skips);
        Assert.Contains("first-protocol-wins", route.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(InterfaceRole.Qmi, PortProtocol.Qmi)]
    [InlineData(InterfaceRole.MbimControl, PortProtocol.Mbim)]
    public void For_CdcWdmNoDriverButARole_OnlyTheRolesProtocol(InterfaceRole role, PortProtocol expected)
    {
        var route = ProbeRoute.For(new ProbePort("/dev/cdc-wdm0", PortKind.CdcWdm, null, role, 8, PortQuirks.FirstProtocolWins));

        Assert.Equal([expected], route.Protocols);
    }

    [Fact]
    public void For_CdcWdmNothingKnown_MbimThenQmi()
    {
        var route = ProbeRoute.For(new ProbePort("/dev/cdc-wdm0", PortKind.CdcWdm, null, InterfaceRole.Unknown));

        Assert.Equal([PortProtocol.Mbim, PortProtocol.Qmi], route.Protocols);
    }

    [Theory]
    [InlineData(null, InterfaceRole.Unknown)]
    [InlineData("option", InterfaceRole.Serial)]
    [InlineData("pl2303", InterfaceRole.At)]
    public void For_Tty_At(string? driver, InterfaceRole role)
    {
        Assert.Equal([PortProtocol.At], ProbeRoute.For(new ProbePort("/dev/ttyUSB2", PortKind.Tty, driver, role)).Protocols);
    }
}
