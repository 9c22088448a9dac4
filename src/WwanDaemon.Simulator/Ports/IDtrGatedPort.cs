namespace WwanDaemon.Simulator.Ports;

/// <summary>
/// A simulated port that can be told whether the host has raised DTR. Its transport knows how: a
/// test's flag in memory; on a pty, the convention of WwanDaemon.Linux (output speed B0 = DTR low,
/// any other speed = raised, read through the master as <c>PseudoTerminal.HostRaisedDtr</c>).
/// </summary>
public interface IDtrGatedPort : ISimulatedPort
{
    /// <summary>Answers "has the host raised DTR?" when the port needs to know; null means never.</summary>
    Func<bool>? DtrRaised { get; set; }
}
