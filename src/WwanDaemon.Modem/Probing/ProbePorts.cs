using WwanDaemon.Composition.Planning;

namespace WwanDaemon.Modem.Probing;

/// <summary>A device node the kernel created for an interface (from sysfs: …/ttyUSB2, …/usbmisc/cdc-wdm0).</summary>
/// <param name="Interface">bInterfaceNumber.</param>
/// <param name="Path">/dev/ttyUSB2, /dev/cdc-wdm0.</param>
/// <param name="Kind">tty or cdc-wdm.</param>
public sealed record PortNode(int Interface, string Path, PortKind Kind);

/// <summary>Builds the prober's input from a composition plan and the nodes the kernel created.</summary>
public static class ProbePorts
{
    /// <summary>
    /// One <see cref="ProbePort"/> per node: the plan's role for its interface, the bound driver (or,
    /// when the source did not say, the driver the plan expects), and the needs-dtr and
    /// first-protocol-wins quirks that name the interface or the whole device.
    /// </summary>
    public static IReadOnlyList<ProbePort> FromPlan(CompositionPlan plan, IEnumerable<PortNode> nodes) =>
        nodes.Select(node =>
        {
            var planned = plan.Interfaces.FirstOrDefault(i => i.Number == node.Interface);
            var quirks = PortQuirks.None;
            foreach (var quirk in plan.Knowledge?.Quirks ?? [])
            {
                if (quirk.Interfaces is { } numbers && !numbers.Contains(node.Interface))
                {
                    continue;
                }
                quirks |= quirk.Name switch
                {
                    "needs-dtr" => PortQuirks.NeedsDtr,
                    "first-protocol-wins" => PortQuirks.FirstProtocolWins,
                    _ => PortQuirks.None,
                };
            }
            return new ProbePort(node.Path, node.Kind, planned?.BoundDriver ?? planned?.Driver,
                planned?.Role ?? Composition.KnowledgeBase.InterfaceRole.Unknown, node.Interface, quirks,
                planned is null ? null : $"{planned.Classification.Evidence}: {planned.Classification.Reason}");
        }).ToArray();
}
