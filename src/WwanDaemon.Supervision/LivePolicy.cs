using WwanDaemon.Composition.Planning;

namespace WwanDaemon.Supervision;

/// <summary>
/// The composition policy a running daemon plans with, changed at run time (D-Bus SetPolicy). Devices
/// planned after a change use the new policy; a modem already running keeps its configuration until
/// it is replugged or reset.
/// </summary>
public sealed class LivePolicy(CompositionPolicy initial)
{
    private static readonly (string Name, CompositionPolicy Value)[] Names =
        [("prefer-mbim", CompositionPolicy.PreferMbim), ("prefer-qmi", CompositionPolicy.PreferQmi), ("keep", CompositionPolicy.Keep)];

    private volatile Box current = new(initial);

    public CompositionPolicy Current => current.Value;

    /// <summary>"prefer-mbim", "prefer-qmi" or "keep".</summary>
    public string Name => Names.First(n => n.Value == Current).Name;

    /// <summary>Sets the policy by name.</summary>
    /// <exception cref="ArgumentException">Not one of the three names.</exception>
    public void Set(string name)
    {
        foreach (var (known, value) in Names)
        {
            if (known == name)
            {
                current = new Box(value);
                return;
            }
        }
        throw new ArgumentException($"'{name}' is not a policy; use prefer-mbim, prefer-qmi or keep", nameof(name));
    }

    private sealed record Box(CompositionPolicy Value);
}
