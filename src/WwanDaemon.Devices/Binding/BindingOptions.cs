using WwanDaemon.Composition.Planning;

namespace WwanDaemon.Devices.Binding;

/// <summary>How the executor applies a plan.</summary>
public sealed record BindingOptions
{
    /// <summary>Apply opt-in actions (vendor AT mode switches change the modem's persistent settings).</summary>
    public bool AllowOptInActions { get; init; }

    /// <summary>
    /// Sends an opt-in AT mode switch (the action's Value) through the device's AT port; the executor
    /// knows sysfs, not AT. Required when <see cref="AllowOptInActions"/> and the plan has such a switch.
    /// </summary>
    public Func<PlanAction, CancellationToken, Task>? SendAtModeSwitch { get; init; }

    /// <summary>How long the interfaces of a newly selected configuration may take to appear.</summary>
    public TimeSpan ReenumerationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after the interfaces appear the kernel's drivers may take to bind them (not an error when exceeded).</summary>
    public TimeSpan DriverSettleTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a bind or unbind may take to show in the interface's driver link.</summary>
    public TimeSpan BindTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often the tree is looked at while waiting.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(50);
}
