using WwanDaemon.Composition.Planning;
using WwanDaemon.Devices.Binding;
using WwanDaemon.Modem.Lifecycle;
using WwanDaemon.Modem.Probing;

namespace WwanDaemon.Supervision;

/// <summary>How discovered devices are brought up.</summary>
public sealed record SupervisorOptions
{
    public string SysfsRoot { get; init; } = "/sys";

    public string DevRoot { get; init; } = "/dev";

    public CompositionPolicy Policy { get; init; } = CompositionPolicy.PreferMbim;

    /// <summary>Allow the opt-in vendor AT mode switches (they change the modem's stored USB composition).</summary>
    public bool AllowModeSwitch { get; init; }

    public BindingOptions Binding { get; init; } = new();

    public ProbeBudget Probe { get; init; } = new();

    public ModemLifecycleOptions Lifecycle { get; init; } = new();

    /// <summary>QMI/MBIM/AT request timeout once the modem is up.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long to wait after a failure (probing found no control port, the backend failed to open) before trying the device again.</summary>
    public TimeSpan RetryAfterFailure { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Re-enumeration loops: this many appearances within <see cref="LoopWindow"/> mark the device failed.</summary>
    public int LoopCycles { get; init; } = 3;

    public TimeSpan LoopWindow { get; init; } = TimeSpan.FromSeconds(60);
}
