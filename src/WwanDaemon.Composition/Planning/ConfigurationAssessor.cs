using WwanDaemon.Composition.Classification;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Planning;

/// <summary>Classifies one configuration and sums up what it offers: control port, network driver, AT ports.</summary>
public static class ConfigurationAssessor
{
    public static ConfigurationAssessment Assess(UsbDevice device, UsbConfiguration configuration, KnowledgeBase.KnowledgeBase knowledgeBase)
    {
        var knowledge = knowledgeBase.Find(device.VendorId, device.ProductId, device.BcdDevice, configuration.Value);
        var interfaces = InterfaceClassifier.Classify(device, configuration, knowledge, knowledgeBase);
        var control = interfaces.FirstOrDefault(i => i.Role == InterfaceRole.Qmi) is { } qmi ? new ControlPort(ControlProtocol.Qmi, qmi.Number)
            : interfaces.FirstOrDefault(i => i.Role == InterfaceRole.MbimControl) is { } mbim ? new ControlPort(ControlProtocol.Mbim, mbim.Number)
            : new ControlPort(ControlProtocol.None, null);
        // MBIM is the standard class: where a configuration offers both, MBIM is what its class drivers bind.
        if (control.Protocol == ControlProtocol.Qmi && interfaces.FirstOrDefault(i => i.Role == InterfaceRole.MbimControl) is { } alsoMbim
            && interfaces.First(i => i.Role == InterfaceRole.Qmi).Evidence == RoleEvidenceKind.Heuristic)
        {
            control = new ControlPort(ControlProtocol.Mbim, alsoMbim.Number);
        }
        var netDriver = control.Protocol switch
        {
            ControlProtocol.Qmi => "qmi_wwan",
            ControlProtocol.Mbim => "cdc_mbim",
            _ => interfaces.Any(i => i.Role == InterfaceRole.NcmControl) ? "cdc_ncm"
                : interfaces.Any(i => i.Role == InterfaceRole.EcmControl) ? "cdc_ether"
                : interfaces.Any(i => i.Role == InterfaceRole.RndisControl) ? "rndis_host"
                : "none",
        };
        return new ConfigurationAssessment(configuration.Value, control, netDriver, interfaces, RankAtPorts(interfaces));
    }

    /// <summary>
    /// AT-capable ports, best first: the known primary, ports known to speak AT, the secondary, the
    /// modem (PPP) port, then serial ports of unknown function (those with an interrupt endpoint
    /// first, as AT ports carry line-state notifications and DIAG/NMEA ports often do not).
    /// </summary>
    public static IReadOnlyList<int> RankAtPorts(IReadOnlyList<ClassifiedInterface> interfaces) => interfaces
        .Where(i => i.Role.IsAt() || i.Role == InterfaceRole.Serial)
        .OrderBy(i => i.Role switch
        {
            InterfaceRole.AtPrimary => 0,
            InterfaceRole.At => 1,
            InterfaceRole.AtSecondary => 2,
            InterfaceRole.Ppp => 3,
            _ => i.Descriptor.InterruptInCount > 0 ? 4 : 5,
        })
        .ThenBy(i => i.Number)
        .Select(i => i.Number)
        .ToArray();

    /// <summary>How much a policy likes what a configuration offers.</summary>
    public static int Score(ConfigurationAssessment assessment, CompositionPolicy policy) =>
        (assessment.Control.Protocol, assessment.NetDriver) switch
        {
            (ControlProtocol.Mbim, _) => policy == CompositionPolicy.PreferQmi ? 40 : 50,
            (ControlProtocol.Qmi, _) => policy == CompositionPolicy.PreferQmi ? 50 : 40,
            (_, "cdc_ncm") => 30,
            (_, "cdc_ether") => 20,
            (_, "rndis_host") => 10,
            _ => assessment.AtInterfaces.Count > 0 ? 5 : 0,
        };
}
