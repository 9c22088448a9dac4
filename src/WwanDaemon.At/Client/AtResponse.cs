using WwanDaemon.At.Commands;
using WwanDaemon.At.Lines;

namespace WwanDaemon.At.Client;

/// <summary>
/// A command's answer: its response lines (echo and URCs removed) and the final result. An ERROR
/// is an answer, not an exception; <see cref="EnsureOk"/> turns it into one where a caller needs OK.
/// </summary>
/// <param name="Command">The command sent.</param>
/// <param name="Lines">The information lines, in order.</param>
/// <param name="Final">How it ended.</param>
public sealed record AtResponse(AtCommand Command, IReadOnlyList<string> Lines, AtFinalResult Final)
{
    public bool IsOk => Final.IsOk;

    /// <summary>Returns this response when it ended in OK (or CONNECT when <paramref name="acceptConnect"/>), otherwise throws <see cref="AtCommandFailedException"/>.</summary>
    public AtResponse EnsureOk(string portName, bool acceptConnect = false) =>
        IsOk || (acceptConnect && Final.Kind == AtFinalResultKind.Connect) ? this : throw new AtCommandFailedException(portName, this);
}

/// <summary>An unsolicited result code as it arrived.</summary>
/// <param name="Line">The whole line.</param>
/// <param name="Code">Its entry in <see cref="AtUnsolicitedCodes.Known"/>, or null for an unknown line said while no command waited.</param>
public sealed record AtUnsolicited(string Line, AtUnsolicitedCode? Code);
