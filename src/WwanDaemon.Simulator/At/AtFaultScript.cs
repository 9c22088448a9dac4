using WwanDaemon.Simulator.Faults;

namespace WwanDaemon.Simulator.At;

/// <summary>What a scripted firmware bug does to a command.</summary>
public enum AtFaultKind
{
    /// <summary>Answer after <see cref="AtFault.Delay"/>, or sooner once <see cref="AtFault.Until"/> completes (the echo comes at once).</summary>
    Delay,

    /// <summary>Never answer this command (no echo either).</summary>
    Drop,

    /// <summary>Write <see cref="AtFault.Line"/> (noise) before the answer.</summary>
    GarbageLine,

    /// <summary>Answer plain ERROR.</summary>
    Error,

    /// <summary>Stop answering anything from now on (a hung firmware).</summary>
    StopAnswering,

    /// <summary>The firmware restarts instead of answering: the modem resets, this port's settings return to defaults, "RDY" follows.</summary>
    Reset,

    /// <summary>The modem reboots and re-enumerates instead of answering: every port of it is gone.</summary>
    Reenumerate,
}

/// <summary>
/// One scripted fault: which command (the name as the parser gives it, "+CSQ", "E", "" for the bare
/// AT; null matches any), what happens, how often (negative: always). A <see cref="AtFaultKind.Delay"/>
/// with <paramref name="Until"/> holds the answer until that task completes (at most <paramref name="Delay"/>),
/// so a test decides when a busy firmware answers instead of racing a clock.
/// </summary>
public sealed record AtFault(string? Command, AtFaultKind Kind, TimeSpan Delay = default, string? Line = null, int Times = 1, Task? Until = null);

/// <summary>
/// Faults applied in order to the commands they match, as <see cref="Qmi.QmiFaultScript"/> does for
/// QMI. Thread-safe: tests add faults while the port serves. A delay holds the port's one command
/// loop, so commands behind it wait too, while URCs still go out.
/// </summary>
public sealed class AtFaultScript
{
    private readonly FaultQueue<AtFault> faults = new();

    /// <summary>Adds a fault after those already scripted.</summary>
    public void Add(AtFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        faults.Add(fault, fault.Times);
    }

    /// <summary>The fault for this request, if any, counting it as used.</summary>
    public AtFault? Take(string command) => faults.Take(fault => fault.Command is null || string.Equals(fault.Command, command, StringComparison.OrdinalIgnoreCase));
}
