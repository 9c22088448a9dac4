using WwanDaemon.Composition.Classification;
using WwanDaemon.Composition.KnowledgeBase;
using WwanDaemon.Usb.Model;

namespace WwanDaemon.Composition.Planning;

/// <summary>Which configuration the planner aims for.</summary>
public enum CompositionPolicy
{
    /// <summary>MBIM first, then QMI, NCM, ECM, RNDIS, serial only (the default: MBIM is the standard class).</summary>
    PreferMbim,

    /// <summary>QMI first, then MBIM, NCM, ECM, RNDIS, serial only.</summary>
    PreferQmi,

    /// <summary>Never change the configuration; only fix driver binding.</summary>
    Keep,
}

/// <summary>The control protocol a configuration offers.</summary>
public enum ControlProtocol
{
    None,
    Qmi,
    Mbim,
}

/// <summary>The port that carries the control protocol.</summary>
public sealed record ControlPort(ControlProtocol Protocol, int? Interface);

/// <summary>What one configuration offers.</summary>
public sealed record ConfigurationAssessment(
    int Value,
    ControlPort Control,
    string NetDriver,
    IReadOnlyList<ClassifiedInterface> Interfaces,
    IReadOnlyList<int> AtInterfaces);

/// <summary>One interface in the chosen configuration.</summary>
/// <param name="Number">bInterfaceNumber.</param>
/// <param name="Role">What it carries.</param>
/// <param name="Driver">The driver that should own it (null: leave it alone).</param>
/// <param name="BoundDriver">The driver bound now, when the source tells it and the configuration is active.</param>
/// <param name="KernelCandidates">Drivers whose id tables match it.</param>
/// <param name="Classification">How the role was found.</param>
public sealed record InterfacePlan(
    int Number,
    InterfaceRole Role,
    string? Driver,
    string? BoundDriver,
    IReadOnlyList<string> KernelCandidates,
    ClassifiedInterface Classification);

/// <summary>A step that brings the device to the plan.</summary>
public enum PlanActionKind
{
    SetConfiguration,
    Unbind,
    Bind,
    NewId,
    AtModeSwitch,
}

/// <summary>One step, with the sysfs file it writes (or the AT command it sends) and why.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Interface">The interface it concerns, if any.</param>
/// <param name="Driver">The driver it concerns, if any.</param>
/// <param name="Path">The sysfs file written (with "&lt;device&gt;" where the bus path is not known).</param>
/// <param name="Value">What is written, or the AT command.</param>
/// <param name="Reason">Why, for a person.</param>
/// <param name="OptIn">True when the step is only offered (vendor mode switches change the device's persistent settings).</param>
public sealed record PlanAction(
    PlanActionKind Kind,
    int? Interface,
    string? Driver,
    string Path,
    string Value,
    string Reason,
    bool OptIn = false);

/// <summary>The planner's answer for one device.</summary>
public sealed record CompositionPlan(
    UsbDevice Device,
    CompositionPolicy Policy,
    DeviceKnowledge? Knowledge,
    int? RecommendedConfiguration,
    ControlPort Control,
    string NetDriver,
    IReadOnlyList<int> AtInterfaces,
    IReadOnlyList<InterfacePlan> Interfaces,
    IReadOnlyList<PlanAction> Actions,
    IReadOnlyList<string> Warnings,
    string? UdevRule,
    IReadOnlyList<ConfigurationAssessment> Configurations);
