using WwanDaemon.Simulator.Faults;

namespace WwanDaemon.Simulator.Mbim;

/// <summary>What a scripted firmware bug does to a command.</summary>
public enum MbimFaultKind
{
    /// <summary>Answer after <see cref="MbimFault.Delay"/>.</summary>
    Delay,

    /// <summary>Never answer this command.</summary>
    Drop,

    /// <summary>Answer twice.</summary>
    Duplicate,

    /// <summary>
    /// Answer with a COMMAND_DONE whose InformationBufferLength claims 4 bytes more than the transfer
    /// holds: the transfer stays whole (the stream stays in step) but the message is malformed.
    /// </summary>
    Corrupt,

    /// <summary>Answer with the MBIM status <see cref="MbimFault.Status"/> and an empty buffer.</summary>
    Status,

    /// <summary>Stop answering anything from now on (a hung firmware).</summary>
    StopAnswering,

    /// <summary>Restart the modem (<see cref="Modem.SimulatedModem.Reset"/>) instead of answering: the host must OPEN again.</summary>
    Reset,

    /// <summary>Answer in fragments of <see cref="MbimFault.FragmentSize"/> bytes, whatever the host's MaxControlTransfer.</summary>
    Fragment,

    /// <summary>Answer in fragments of <see cref="MbimFault.FragmentSize"/> bytes with the first two swapped (MBIM 1.0 §9.5 forbids it).</summary>
    OutOfOrderFragments,
}

/// <summary>One scripted fault: which command (service and command name as declared; null matches any), what happens, how often.</summary>
/// <param name="Service">Declared service name ("basic-connect", "qmi"), or null for any.</param>
/// <param name="Command">Declared command name ("Device Caps"), or null for any.</param>
/// <param name="Kind">What happens.</param>
/// <param name="Delay">For <see cref="MbimFaultKind.Delay"/>.</param>
/// <param name="Status">For <see cref="MbimFaultKind.Status"/>: the MBIM status to answer.</param>
/// <param name="Times">How many commands it applies to; negative never wears out.</param>
/// <param name="FragmentSize">For the fragment kinds: the transfer size (at least the 64 bytes MBIM allows).</param>
public sealed record MbimFault(string? Service, string? Command, MbimFaultKind Kind, TimeSpan Delay = default, uint Status = 0, int Times = 1, int FragmentSize = 64);

/// <summary>
/// Faults applied in order to the commands they match, each a number of times. Thread-safe: tests
/// add faults while the port serves. A delay holds the port's serving loop, so it delays every
/// command behind it, as a busy firmware does.
/// </summary>
public sealed class MbimFaultScript
{
    private readonly FaultQueue<MbimFault> faults = new();

    /// <summary>Adds a fault after those already scripted.</summary>
    public void Add(MbimFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (fault.Kind is MbimFaultKind.Fragment or MbimFaultKind.OutOfOrderFragments && fault.FragmentSize < WwanDaemon.Mbim.Framing.MbimMessageCodec.MinControlTransfer)
        {
            throw new ArgumentException($"a fragment size of {fault.FragmentSize} is below the {WwanDaemon.Mbim.Framing.MbimMessageCodec.MinControlTransfer} bytes MBIM allows", nameof(fault));
        }
        faults.Add(fault, fault.Times);
    }

    /// <summary>The fault for this request, if any, counting it as used.</summary>
    public MbimFault? Take(string? service, string? command) => faults.Take(fault => (fault.Service is null || fault.Service == service) && (fault.Command is null || fault.Command == command));
}
