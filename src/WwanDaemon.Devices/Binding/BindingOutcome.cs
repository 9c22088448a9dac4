using WwanDaemon.Composition.Planning;

namespace WwanDaemon.Devices.Binding;

/// <summary>An action not applied, and why (already true, opt-in, policy keep).</summary>
public sealed record SkippedAction(PlanAction Action, string Reason);

/// <summary>Why the executor stopped.</summary>
/// <param name="Action">The action that failed, or null when the device as a whole was refused (a re-enumeration loop).</param>
/// <param name="File">The sysfs file involved, when there is one.</param>
/// <param name="Errno">The errno of a failed write, when that is what failed.</param>
/// <param name="Reason">For a person: the device, what failed, and what to do.</param>
public sealed record BindingFailure(PlanAction? Action, string? File, int? Errno, string Reason);

/// <summary>What the executor did to one device.</summary>
/// <param name="BusPath">The device.</param>
/// <param name="Applied">Actions written, in order, with the sysfs path actually written (under the sysfs root) and the driver actually unbound.</param>
/// <param name="Skipped">Actions left out, with reasons.</param>
/// <param name="Failure">Why it stopped early; null when every action was applied or skipped.</param>
/// <param name="AwaitsReenumeration">True after an AT mode switch: the device leaves and comes back as another product, so the rest of the plan no longer applies.</param>
public sealed record BindingOutcome(
    string BusPath,
    IReadOnlyList<PlanAction> Applied,
    IReadOnlyList<SkippedAction> Skipped,
    BindingFailure? Failure,
    bool AwaitsReenumeration = false)
{
    public bool Succeeded => Failure is null;
}
