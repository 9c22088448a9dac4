namespace WwanDaemon.Modem.Tests.Simulated;

/// <summary>
/// A simulated modem's DTR input raised in process, for an opener that has no line control of its own
/// (<see cref="Probing.CharacterDevicePortOpener"/>): <see cref="TestPortOpener"/> raises it and says
/// so (<see cref="Probing.DtrResult.Emulated"/>); nothing pretends a real line moved.
/// </summary>
public sealed class SimulatedDtrLine
{
    private int raised;

    public bool Raised => Volatile.Read(ref raised) != 0;

    public void Raise() => Volatile.Write(ref raised, 1);
}
