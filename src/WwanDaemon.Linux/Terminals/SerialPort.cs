using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace WwanDaemon.Linux.Terminals;

/// <summary>
/// A modem's serial port (/dev/ttyUSBN, /dev/ttyACMN, or a pty slave standing in for one) opened for
/// AT or PPP: O_NOCTTY|O_NONBLOCK|O_CLOEXEC, taken exclusively (TIOCEXCL), raw 8N1 at the configured
/// speed with CLOCAL|CREAD|HUPCL, stale input and output flushed. <see cref="Stream"/> reads and writes it
/// with async/await and cancellation; an unplug fails them with <see cref="PortGoneException"/>.
/// Modem-control lines (DTR, RTS) are in SerialPort.ModemControl.cs.
/// Termios goes through the kernel's TCGETS2/TCSETS2 ioctls (see <see cref="KernelTermios"/> for why).
/// </summary>
public sealed partial class SerialPort : IDisposable
{
    private readonly SafeFileHandle handle;
    private readonly TerminalStream stream;
    private int disposed;

    private SerialPort(SafeFileHandle handle, string path, SerialPortOptions options, string? modemControlUnsupported)
    {
        this.handle = handle;
        Path = path;
        Options = options;
        ModemControlUnsupported = modemControlUnsupported;
        stream = new TerminalStream(handle, path);
    }

    /// <summary>The device path as opened.</summary>
    public string Path { get; }

    /// <summary>The settings the port was opened with.</summary>
    public SerialPortOptions Options { get; }

    /// <summary>Reads and writes the port. Disposed with the port; do not dispose it separately.</summary>
    public Stream Stream => stream;

    /// <summary>True once the device hung up (unplugged): reads and writes fail with <see cref="PortGoneException"/>.</summary>
    public bool IsGone => stream.GoneBecause is not null;

    /// <summary>The output speed in baud as the driver now reports it (0 = B0).</summary>
    /// <exception cref="IOException">TCGETS2 failed (<see cref="PortGoneException"/> once unplugged).</exception>
    public int LineSpeed => Terminals.LineSpeed.Read(ReadAttributes());

    /// <summary>Opens and configures <paramref name="path"/>.</summary>
    /// <exception cref="SerialPortBusyException">Another process holds the port exclusively (EBUSY).</exception>
    /// <exception cref="IOException">The device is missing, not a terminal, or refused the settings; the message names it.</exception>
    public static SerialPort Open(string path, SerialPortOptions? options = null)
    {
        options ??= new SerialPortOptions();
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BaudRate);
        var fd = LibC.Open(path, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == LibC.EBUSY ? SerialPortBusyException.For(path) : LibC.Failure($"opening serial port {path}", errno);
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            Configure(handle, path, options);
            return new SerialPort(handle, path, options, ProbeModemControl(handle, path));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Empties the kernel's queue(s) (tcflush); for input also what the stream's reader took in but nobody read.</summary>
    /// <exception cref="IOException">TCFLSH failed (<see cref="PortGoneException"/> once unplugged).</exception>
    public void Discard(SerialQueue queue)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var selector = queue switch
        {
            SerialQueue.Input => TerminalIoctl.TCIFLUSH,
            SerialQueue.Output => TerminalIoctl.TCOFLUSH,
            _ => TerminalIoctl.TCIOFLUSH,
        };
        Check(TerminalIoctl.Call(handle, TerminalIoctl.TCFLSH, selector), "TCFLSH (tcflush)");
        if (queue != SerialQueue.Output)
        {
            stream.DiscardBufferedInput();
        }
    }

    /// <summary>
    /// Stops the reader, gives up the exclusive hold (TIOCNXCL: on a pty whose slave the simulator keeps
    /// open the flag would otherwise outlive us), and closes the port. Closing with HUPCL drops DTR on a
    /// real port; on a pty the same is signalled by setting B0 (the <see cref="PseudoTerminal"/> convention).
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }
        stream.Dispose();
        if (!IsGone)
        {
            // Best effort on the way out: a failure here (the device vanished just now) changes nothing
            // for the caller, and close() below releases everything the kernel holds for us anyway.
            if (ModemControlUnsupported is not null)
            {
                _ = TrySetSpeed(0);
            }
            if (Options.Exclusive)
            {
                _ = TerminalIoctl.Call(handle, TerminalIoctl.TIOCNXCL);
            }
        }
        handle.Dispose();
    }

    private static void Configure(SafeFileHandle handle, string path, SerialPortOptions options)
    {
        var errno = TerminalIoctl.GetAttributes(handle, out var termios);
        if (errno != 0)
        {
            throw errno == LibC.ENOTTY
                ? new IOException($"{path} is not a terminal (TCGETS2: ENOTTY); a serial port is a tty such as /dev/ttyUSB2 or /dev/ttyACM0", errno)
                : LibC.Failure($"TCGETS2 (reading the settings of {path})", errno);
        }
        if (options.Exclusive && (errno = TerminalIoctl.Call(handle, TerminalIoctl.TIOCEXCL)) != 0)
        {
            throw LibC.Failure($"TIOCEXCL (taking {path} exclusively)", errno);
        }
        termios.MakeRaw();
        // Beyond cfmakeraw: no software flow control and no parity checking (XON/XOFF are data to us),
        // one stop bit, no mark/space parity; ignore carrier (CLOCAL), receive (CREAD), drop DTR on last close (HUPCL).
        termios.InputFlags &= ~(KernelTermios.IXOFF | KernelTermios.IXANY | KernelTermios.INPCK);
        termios.ControlFlags &= ~(KernelTermios.CSTOPB | KernelTermios.PARODD | KernelTermios.CMSPAR | KernelTermios.CRTSCTS);
        termios.ControlFlags |= KernelTermios.CLOCAL | KernelTermios.CREAD | KernelTermios.HUPCL;
        if (options.FlowControl == SerialFlowControl.RtsCts)
        {
            termios.ControlFlags |= KernelTermios.CRTSCTS;
        }
        Terminals.LineSpeed.Apply(ref termios, options.BaudRate);
        if ((errno = TerminalIoctl.SetAttributes(handle, termios)) != 0)
        {
            throw LibC.Failure($"TCSETS2 (raw 8N1 at {options.BaudRate} baud on {path})", errno);
        }
        // Whatever the modem sent before we were here (boot banners, late answers to another program) is not ours.
        if ((errno = TerminalIoctl.Call(handle, TerminalIoctl.TCFLSH, TerminalIoctl.TCIOFLUSH)) != 0)
        {
            throw LibC.Failure($"TCFLSH (flushing {path})", errno);
        }
    }

    /// <summary>Whether the tty's exclusive flag is set (TIOCGEXCL, Linux 3.8+).</summary>
    internal bool ReadExclusiveFlag()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var exclusive = 0;
        Check(TerminalIoctl.Call(handle, TerminalIoctl.TIOCGEXCL, ref exclusive), "TIOCGEXCL");
        return exclusive != 0;
    }

    private KernelTermios ReadAttributes()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        Check(TerminalIoctl.GetAttributes(handle, out var termios), "TCGETS2");
        return termios;
    }

    /// <summary>Sets input and output speed, keeping every other setting; 0 or the errno.</summary>
    private int TrySetSpeed(int baudRate)
    {
        var errno = TerminalIoctl.GetAttributes(handle, out var termios);
        if (errno != 0)
        {
            return errno;
        }
        Terminals.LineSpeed.Apply(ref termios, baudRate);
        return TerminalIoctl.SetAttributes(handle, termios);
    }

    /// <summary>Throws for a failed ioctl: <see cref="PortGoneException"/> for the errnos of a vanished device, else an IOException.</summary>
    private void Check(int errno, string what)
    {
        if (errno == 0)
        {
            return;
        }
        throw errno is LibC.EIO or LibC.ENODEV or LibC.ENXIO
            ? new PortGoneException(Path, $"{what} failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})", errno)
            : LibC.Failure($"{what} on {Path}", errno);
    }
}
