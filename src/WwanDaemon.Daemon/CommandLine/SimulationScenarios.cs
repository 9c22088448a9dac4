namespace WwanDaemon.Daemon.CommandLine;

/// <summary>The machines --simulate can build: "default", and one per seed thread (data/samples/seeds).</summary>
public static class SimulationScenarios
{
    public const string Default = "default";

    public static readonly IReadOnlyList<string> Names = [Default, "seed-000", "seed-000-rndis", "seed-001", "seed-002", "seed-002-stable", "seed-003", "seed-004"];

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);
}
