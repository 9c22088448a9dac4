namespace WwanDaemon.Linux.Terminals;

/// <summary>RS-232 modem-control lines as TIOCMGET reports them (TIOCM_* in asm-generic/termios.h).</summary>
[Flags]
public enum ModemLines
{
    /// <summary>No line asserted.</summary>
    None = 0,

    /// <summary>Data Terminal Ready, host output (TIOCM_DTR 0x002).</summary>
    DataTerminalReady = 0x002,

    /// <summary>Request To Send, host output (TIOCM_RTS 0x004).</summary>
    RequestToSend = 0x004,

    /// <summary>Clear To Send, modem output (TIOCM_CTS 0x020).</summary>
    ClearToSend = 0x020,

    /// <summary>Data Carrier Detect, modem output (TIOCM_CAR 0x040).</summary>
    CarrierDetect = 0x040,

    /// <summary>Ring Indicator, modem output (TIOCM_RNG 0x080).</summary>
    Ring = 0x080,

    /// <summary>Data Set Ready, modem output (TIOCM_DSR 0x100).</summary>
    DataSetReady = 0x100,
}

/// <summary>What setting a modem-control line actually did.</summary>
public enum ModemControlOutcome
{
    /// <summary>The line was changed with TIOCMBIS/TIOCMBIC.</summary>
    Applied,

    /// <summary>
    /// The device has no modem-control lines (a pty), so DTR was signalled by the pseudo-terminal
    /// convention instead: speed B0 for "dropped", the configured speed for "raised" (see <see cref="PseudoTerminal"/>).
    /// Nothing physical changed.
    /// </summary>
    EmulatedWithLineSpeed,

    /// <summary>The device has no modem-control lines and there is no stand-in for this one (RTS on a pty); nothing changed.</summary>
    NotSupported,
}

/// <summary>The device has no modem-control lines (TIOCMGET fails with ENOTTY or EINVAL), e.g. a pty.</summary>
public sealed class ModemControlNotSupportedException : IOException
{
    public ModemControlNotSupportedException(string message)
        : base(message)
    {
    }

    public ModemControlNotSupportedException()
    {
    }

    public ModemControlNotSupportedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// open() of a serial port failed with EBUSY: another process holds it exclusively (TIOCEXCL), typically
/// ModemManager or another instance of this daemon.
/// </summary>
public sealed class SerialPortBusyException : IOException
{
    public SerialPortBusyException(string message)
        : base(message, LibC.EBUSY)
    {
    }

    public SerialPortBusyException()
    {
    }

    public SerialPortBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal static SerialPortBusyException For(string devicePath) =>
        new($"{devicePath} is held exclusively (TIOCEXCL) by another process, often ModemManager or a second wwan daemon: " +
            $"find it with `fuser -v {devicePath}` and stop it, or tell it to leave the device alone (ModemManager: udev ENV{{ID_MM_DEVICE_IGNORE}}=\"1\")");
}
