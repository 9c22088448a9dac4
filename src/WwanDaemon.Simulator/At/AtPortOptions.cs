namespace WwanDaemon.Simulator.At;

/// <summary>
/// How one AT port of a simulated modem behaves on the wire, apart from the modem behind it. Real
/// ports differ: some answer slowly, a DIAG or NMEA port never answers AT, and some answer only
/// once the host raises DTR (seed 002's ports that "never respond"; qmi_wwan's QMI_QUIRK_SET_DTR).
/// </summary>
public sealed record AtPortOptions
{
    /// <summary>Names the port in the simulator's own messages.</summary>
    public string Name { get; init; } = "AT port";

    /// <summary>Wait before each answer (after the echo): a busy or slow firmware.</summary>
    public TimeSpan ResponseDelay { get; init; }

    /// <summary>Never answer anything, not even with an echo: a DIAG, NMEA or audio port.</summary>
    public bool Silent { get; init; }

    /// <summary>Answer only while <see cref="SimulatedAtPort.DtrRaised"/> says the host raised DTR; until then commands are ignored.</summary>
    public bool NeedsDtr { get; init; }
}
