namespace WwanDaemon.Linux.Terminals;

/// <summary>How <see cref="SerialPort.Open"/> configures a tty.</summary>
public sealed record SerialPortOptions
{
    /// <summary>Line speed in baud; 115200 by default. USB modems ignore it on the wire, but UART-attached ones do not.</summary>
    public int BaudRate { get; init; } = 115200;

    /// <summary>Hardware flow control (RTS/CTS) or none; none by default, as for USB modem ports.</summary>
    public SerialFlowControl FlowControl { get; init; } = SerialFlowControl.None;

    /// <summary>
    /// Take the port exclusively (TIOCEXCL), so another program's open() fails with EBUSY while we hold it.
    /// True by default. The kernel does not enforce it against openers with CAP_SYS_ADMIN (root).
    /// </summary>
    public bool Exclusive { get; init; } = true;
}

/// <summary>Flow control on a serial line.</summary>
public enum SerialFlowControl
{
    /// <summary>No flow control: CRTSCTS off, IXON/IXOFF off (XON/XOFF bytes pass through as data).</summary>
    None,

    /// <summary>Hardware flow control: CRTSCTS on.</summary>
    RtsCts,
}

/// <summary>Which queue of a tty <see cref="SerialPort.Discard"/> empties (tcflush(3)).</summary>
public enum SerialQueue
{
    /// <summary>Bytes received but not read (TCIFLUSH), including those the stream's reader already took in.</summary>
    Input,

    /// <summary>Bytes written but not yet sent (TCOFLUSH).</summary>
    Output,

    /// <summary>Both (TCIOFLUSH).</summary>
    Both,
}
