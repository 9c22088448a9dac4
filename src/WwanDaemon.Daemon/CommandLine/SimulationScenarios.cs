namespace WwanDaemon.Daemon.CommandLine;

/// <summary>The machines --simulate can build: "default", "pin-locked", and one per seed thread (data/samples/seeds).</summary>
public static class SimulationScenarios
{
    public const string Default = "default";

    /// <summary>The default modem with a PIN-locked SIM (PIN 1234) and a profile without a PIN.</summary>
    public const string PinLocked = "pin-locked";

    public static readonly IReadOnlyList<string> Names = [Default, PinLocked, "seed-000", "seed-000-rndis", "seed-001", "seed-002", "seed-002-stable", "seed-003", "seed-004"];

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);
}
