namespace WwanDaemon.Linux.Terminals;

public sealed partial class SerialPort
{
    /// <summary>
    /// Null when the port has modem-control lines; otherwise why not, e.g. "modem control lines not
    /// supported on /dev/pts/3 (TIOCMGET: ENOTTY)". Found at open by asking for the lines once.
    /// </summary>
    public string? ModemControlUnsupported { get; }

    /// <summary>
    /// Raises or drops DTR. Many modems ignore AT on a port until DTR is up, and some hang up a data
    /// call when it drops. On a port without modem-control lines (a pty) DTR is signalled by the
    /// <see cref="PseudoTerminal"/> line-speed convention instead, and the outcome says so.
    /// </summary>
    /// <exception cref="IOException">The ioctl failed for another reason (<see cref="PortGoneException"/> once unplugged).</exception>
    public ModemControlOutcome SetDataTerminalReady(bool raised)
    {
        if (SetLine(ModemLines.DataTerminalReady, raised) == ModemControlOutcome.Applied)
        {
            return ModemControlOutcome.Applied;
        }
        Check(TrySetSpeed(raised ? Options.BaudRate : 0), raised ? "TCSETS2 (raising DTR by the pty convention: a non-zero speed)" : "TCSETS2 (dropping DTR by the pty convention: speed B0)");
        return ModemControlOutcome.EmulatedWithLineSpeed;
    }

    /// <summary>Raises or drops RTS; <see cref="ModemControlOutcome.NotSupported"/> on a port without modem-control lines.</summary>
    /// <exception cref="IOException">The ioctl failed for another reason (<see cref="PortGoneException"/> once unplugged).</exception>
    public ModemControlOutcome SetRequestToSend(bool raised) => SetLine(ModemLines.RequestToSend, raised);

    /// <summary>The modem-control lines as the driver reports them (TIOCMGET).</summary>
    /// <exception cref="ModemControlNotSupportedException">The port has none (a pty); the message names it.</exception>
    /// <exception cref="IOException">TIOCMGET failed for another reason (<see cref="PortGoneException"/> once unplugged).</exception>
    public ModemLines ReadModemLines()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var lines = 0;
        var errno = TerminalIoctl.Call(handle, TerminalIoctl.TIOCMGET, ref lines);
        if (IsUnsupported(errno))
        {
            throw new ModemControlNotSupportedException(ModemControlUnsupported ?? Unsupported(Path, "TIOCMGET", errno));
        }
        Check(errno, "TIOCMGET");
        return (ModemLines)lines;
    }

    private ModemControlOutcome SetLine(ModemLines line, bool raised)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        if (ModemControlUnsupported is not null)
        {
            return ModemControlOutcome.NotSupported;
        }
        var bits = (int)line;
        var request = raised ? TerminalIoctl.TIOCMBIS : TerminalIoctl.TIOCMBIC;
        var errno = TerminalIoctl.Call(handle, request, ref bits);
        if (IsUnsupported(errno))
        {
            return ModemControlOutcome.NotSupported;
        }
        Check(errno, raised ? $"TIOCMBIS (raising {line})" : $"TIOCMBIC (dropping {line})");
        return ModemControlOutcome.Applied;
    }

    /// <summary>Asks for the lines once at open; a pty answers ENOTTY (older kernels EINVAL).</summary>
    private static string? ProbeModemControl(Microsoft.Win32.SafeHandles.SafeFileHandle handle, string path)
    {
        var lines = 0;
        var errno = TerminalIoctl.Call(handle, TerminalIoctl.TIOCMGET, ref lines);
        if (IsUnsupported(errno))
        {
            return Unsupported(path, "TIOCMGET", errno);
        }
        return errno == 0 ? null : throw LibC.Failure($"TIOCMGET (reading the modem-control lines of {path})", errno);
    }

    private static bool IsUnsupported(int errno) => errno is LibC.ENOTTY or LibC.EINVAL;

    private static string Unsupported(string path, string request, int errno) =>
        $"modem control lines not supported on {path} ({request}: {(errno == LibC.ENOTTY ? "ENOTTY" : "EINVAL")}); a pty has none: DTR is signalled by line speed (B0 = dropped), RTS not at all";
}
