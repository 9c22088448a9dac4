using WwanDaemon.Simulator.Faults;

namespace WwanDaemon.Simulator.Qmi;

/// <summary>What a scripted firmware bug does to a request.</summary>
public enum QmiFaultKind
{
    /// <summary>Answer after <see cref="QmiFault.Delay"/>.</summary>
    Delay,

    /// <summary>Never answer this request.</summary>
    Drop,

    /// <summary>Answer twice.</summary>
    Duplicate,

    /// <summary>Answer with a frame whose first TLV claims more bytes than the frame has (a malformed message).</summary>
    Corrupt,

    /// <summary>Answer with a QMI error result (<see cref="QmiFault.Error"/>).</summary>
    Error,

    /// <summary>Stop answering anything from now on (a hung firmware).</summary>
    StopAnswering,

    /// <summary>Reset the modem: every client id is dropped, sessions end.</summary>
    Reset,
}

/// <summary>One scripted fault: which request (service and message name; null matches any), what happens, how often.</summary>
public sealed record QmiFault(string? Service, string? Message, QmiFaultKind Kind, TimeSpan Delay = default, int Error = 0, int Times = 1);

/// <summary>
/// Faults applied in order to the requests they match, each a number of times (a negative
/// <see cref="QmiFault.Times"/> never wears out). Thread-safe: tests add faults while the port serves.
/// A delay holds the port's one serving loop, so it delays every request behind it, as a busy
/// firmware does.
/// </summary>
public sealed class QmiFaultScript
{
    private readonly FaultQueue<QmiFault> faults = new();

    /// <summary>Adds a fault after those already scripted.</summary>
    public void Add(QmiFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        faults.Add(fault, fault.Times);
    }

    /// <summary>The fault for this request, if any, counting it as used.</summary>
    public QmiFault? Take(string service, string message) => faults.Take(fault => (fault.Service is null || fault.Service == service) && (fault.Message is null || fault.Message == message));
}
