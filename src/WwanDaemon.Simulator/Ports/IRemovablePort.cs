namespace WwanDaemon.Simulator.Ports;

/// <summary>
/// A simulated port that can leave, as a USB modem's ports do when it re-enumerates or is unplugged:
/// <see cref="ISimulatedPort.ServeAsync"/> then returns on its own, and whoever owns the transport
/// closes it so the host sees the hang-up (EIO on a pty, the end of an in-memory stream).
/// </summary>
public interface IRemovablePort : ISimulatedPort
{
    /// <summary>Why the port left (e.g. "re-enumerated as 1e0e:9001"), or null while it is there.</summary>
    string? GoneBecause { get; }
}
