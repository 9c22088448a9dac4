using System.Globalization;
using WwanDaemon.Composition.Classification;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Planning;

/// <summary>
/// USB model + knowledge base + policy → the configuration to select, the driver each interface
/// should have, the steps to get there, the control and AT ports, warnings and a udev rule.
/// Pure: it reads nothing and writes nothing; the binding executor applies the plan.
/// </summary>
public static class CompositionPlanner
{
    public static CompositionPlan Plan(UsbDevice device, KnowledgeBase.KnowledgeBase knowledgeBase, CompositionPolicy policy)
    {
        var assessments = device.Configurations.Select(c => ConfigurationAssessor.Assess(device, c, knowledgeBase)).ToArray();
        var deviceKnowledge = knowledgeBase.Find(device.VendorId, device.ProductId, device.BcdDevice, configuration: null);
        var chosen = Choose(device, assessments, deviceKnowledge, policy);
        if (chosen is null)
        {
            return new CompositionPlan(device, policy, deviceKnowledge, null, new ControlPort(ControlProtocol.None, null), "none", [], [], [],
                [$"{Describe(device)}: the dump shows no configuration, so nothing can be planned; paste the whole device block (the C:, I: and E: lines)."],
                null, assessments);
        }
        var configuration = device.Configuration(chosen.Value)!;
        var knowledge = knowledgeBase.Find(device.VendorId, device.ProductId, device.BcdDevice, chosen.Value);
        var isActive = device.ActiveConfiguration == chosen.Value;
        var interfaces = chosen.Interfaces.Select(i =>
        {
            var candidates = KernelDrivers.Candidates(device, configuration, i.Number, knowledge, knowledgeBase);
            var bound = isActive && device.DriversKnown ? configuration.Describing(i.Number)!.Driver : null;
            return new InterfacePlan(i.Number, i.Role, KernelDrivers.Expected(i, candidates), bound, candidates, i);
        }).ToArray();

        var actions = BindingActions.For(device, chosen, interfaces, isActive, policy, known: knowledge is not null).ToList();
        actions.AddRange(ModeSwitchActions(device, chosen, knowledge, policy));
        var warnings = PlanWarnings.For(device, configuration, chosen, interfaces, knowledge, isActive, actions);
        var plan = new CompositionPlan(device, policy, knowledge, chosen.Value, chosen.Control, chosen.NetDriver, chosen.AtInterfaces,
            interfaces, actions, warnings, null, assessments);
        return plan with { UdevRule = UdevRuleWriter.Write(plan) };
    }

    /// <summary>"Sierra Wireless EM7355 (1199:901f)".</summary>
    public static string Describe(UsbDevice device) =>
        string.Create(CultureInfo.InvariantCulture, $"{device.Product ?? "USB device"} ({device.Id}{(device.BusPath is null ? "" : " at " + device.BusPath)})");

    private static ConfigurationAssessment? Choose(UsbDevice device, IReadOnlyList<ConfigurationAssessment> assessments, DeviceKnowledge? knowledge, CompositionPolicy policy)
    {
        if (assessments.Count == 0)
        {
            return null;
        }
        var active = assessments.FirstOrDefault(a => a.Value == device.ActiveConfiguration);
        if (policy == CompositionPolicy.Keep)
        {
            return active ?? assessments.First(a => a.Value == KernelConfigurationChoice.Predict(device));
        }
        var policyName = policy == CompositionPolicy.PreferQmi ? "prefer-qmi" : "prefer-mbim";
        if (knowledge?.PreferredConfiguration.TryGetValue(policyName, out var preferred) == true
            && assessments.FirstOrDefault(a => a.Value == preferred) is { } known)
        {
            return known;
        }
        var best = assessments.Max(a => ConfigurationAssessor.Score(a, policy));
        return active is not null && ConfigurationAssessor.Score(active, policy) == best
            ? active
            : assessments.First(a => ConfigurationAssessor.Score(a, policy) == best);
    }

    /// <summary>
    /// Vendor AT commands that change the composition. Offered (opt-in: they change the device's
    /// persistent settings) when the chosen configuration lacks the control protocol the policy
    /// prefers and the knowledge base knows a command for a composition that has it.
    /// </summary>
    private static IEnumerable<PlanAction> ModeSwitchActions(UsbDevice device, ConfigurationAssessment chosen, DeviceKnowledge? knowledge, CompositionPolicy policy)
    {
        var wanted = policy == CompositionPolicy.PreferQmi ? new[] { "qmi", "mbim" } : ["mbim", "qmi"];
        var has = chosen.Control.Protocol switch { ControlProtocol.Qmi => "qmi", ControlProtocol.Mbim => "mbim", _ => null };
        if (policy == CompositionPolicy.Keep || has == wanted[0] || knowledge is null)
        {
            yield break;
        }
        var port = chosen.AtInterfaces.Count > 0 ? chosen.AtInterfaces[0] : (int?)null;
        foreach (var target in wanted.Where(t => t != has))
        {
            foreach (var modeSwitch in knowledge.ModeSwitches.Where(m => m.Target == target && m.Command.StartsWith("AT", StringComparison.OrdinalIgnoreCase)))
            {
                var result = modeSwitch.ResultPid is null ? "" : $" (the device comes back as {modeSwitch.ResultVid ?? device.VendorId.ToString("x4", CultureInfo.InvariantCulture)}:{modeSwitch.ResultPid})";
                yield return new PlanAction(PlanActionKind.AtModeSwitch, port, null,
                    port is null ? "an AT port" : $"the AT port on interface {port}",
                    modeSwitch.Command,
                    $"switches the modem to its {target.ToUpperInvariant()} composition{result}; {modeSwitch.Description ?? "vendor command"} ({modeSwitch.Source})",
                    OptIn: true);
            }
        }
    }
}
