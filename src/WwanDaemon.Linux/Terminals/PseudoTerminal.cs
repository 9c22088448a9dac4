using System.Text;
using Microsoft.Win32.SafeHandles;

namespace WwanDaemon.Linux.Terminals;

/// <summary>
/// A Linux pseudo-terminal (pty(7)) whose slave side, <c>/dev/pts/N</c>, looks to a client like a
/// modem's serial port, and whose master side is a <see cref="Stream"/> for the simulated device.
/// The slave is put in raw mode (cfmakeraw: no echo, no CR/LF translation, no signals, 8-bit clean)
/// and kept open for the object's lifetime: when the last slave descriptor closes, Linux hangs up the
/// master (reads fail with EIO), so holding one ourselves lets clients open and close the port freely.
/// <para>
/// DTR on a pty: ptys have no modem-control lines (TIOCMGET/TIOCMBIS fail with ENOTTY), so the
/// simulation uses the POSIX rule that output speed B0 means "hang up" (DTR dropped) and any other
/// speed raises DTR (termios(3), cfsetospeed; it is also what real UART drivers do on a speed change).
/// The slave starts at speed 0, "no host has raised DTR"; a host that configures a speed, as every
/// serial client does, raises it; <see cref="SerialPort.SetDataTerminalReady"/> on a pty sets B0 or its
/// configured speed; closing a <see cref="SerialPort"/> with HUPCL sets B0 as a real port's last close
/// drops DTR. The simulator reads it back through the master: TCGETS2 on a pty master reports the
/// slave's termios (drivers/tty/tty_ioctl.c, tty_mode_ioctl uses tty->link). What the convention cannot
/// show: a host that dies without closing (the speed stays), and RTS (no equivalent is simulated).
/// </para>
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private readonly SafeFileHandle master;
    private readonly SafeFileHandle slave;
    private readonly TerminalStream stream;

    private PseudoTerminal(SafeFileHandle master, SafeFileHandle slave, string slavePath)
    {
        this.master = master;
        this.slave = slave;
        SlavePath = slavePath;
        stream = new TerminalStream(master, slavePath);
    }

    /// <summary>The slave's device path, <c>/dev/pts/N</c>, which clients open as their serial port.</summary>
    public string SlavePath { get; }

    /// <summary>The master side: what clients write to the slave is read here, and what is written here they read.</summary>
    public Stream Master => stream;

    /// <summary>The speed (baud) the host last set on the slave; 0 is B0, the pty's stand-in for "DTR dropped".</summary>
    /// <exception cref="IOException">TCGETS2 on the master failed.</exception>
    public int HostLineSpeed => LineSpeed.Read(ReadSlaveSettings());

    /// <summary>
    /// Whether the host has "raised DTR" by the simulation convention: the slave's output speed is not B0
    /// (see the class remarks). A simulated port that answers only with DTR raised checks this.
    /// </summary>
    /// <exception cref="IOException">TCGETS2 on the master failed.</exception>
    public bool HostRaisedDtr => HostLineSpeed != 0;

    /// <summary>The slave's termios, read through the master (what the host set, without opening the slave).</summary>
    internal KernelTermios ReadSlaveSettings()
    {
        var errno = TerminalIoctl.GetAttributes(master, out var termios);
        return errno == 0 ? termios : throw LibC.Failure($"TCGETS2 (reading {SlavePath}'s settings through its master)", errno);
    }

    /// <summary>Allocates a pseudo-terminal, unlocks its slave and sets the slave to raw mode at speed B0 (DTR low).</summary>
    /// <exception cref="IOException">A libc call failed (the message carries strerror's text), e.g. no free ptys (ENOSPC) or no /dev/ptmx.</exception>
    public static PseudoTerminal Open()
    {
        // Non-blocking master: the stream's reader waits in poll(), never inside read().
        var masterFd = LibC.PosixOpenpt(LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC | LibC.O_NONBLOCK);
        if (masterFd < 0)
        {
            throw LibC.LastFailure("posix_openpt (allocating a pseudo-terminal through /dev/ptmx)");
        }
        var master = new SafeFileHandle(masterFd, ownsHandle: true);
        SafeFileHandle? slave = null;
        try
        {
            if (LibC.Grantpt(master) != 0)
            {
                throw LibC.LastFailure("grantpt");
            }
            if (LibC.Unlockpt(master) != 0)
            {
                throw LibC.LastFailure("unlockpt");
            }
            var path = SlaveName(master);
            var slaveFd = LibC.Open(path, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC);
            if (slaveFd < 0)
            {
                throw LibC.LastFailure($"opening the pseudo-terminal slave {path}");
            }
            slave = new SafeFileHandle(slaveFd, ownsHandle: true);
            MakeRaw(slave, path);
            return new PseudoTerminal(master, slave, path);
        }
        catch
        {
            slave?.Dispose();
            master.Dispose();
            throw;
        }
    }

    /// <summary>Stops the master stream's reader, then closes the master and the slave we hold.</summary>
    public void Dispose()
    {
        stream.Dispose();
        master.Dispose();
        slave.Dispose();
    }

    private static unsafe string SlaveName(SafeFileHandle master)
    {
        // "/dev/pts/" plus a decimal number; 64 bytes is what glibc's own ptsname() uses.
        const int Length = 64;
        var buffer = stackalloc byte[Length];
        var error = LibC.PtsnameR(master, buffer, Length);
        if (error != 0)
        {
            throw LibC.Failure("ptsname_r", error);
        }
        var name = new ReadOnlySpan<byte>(buffer, Length);
        var end = name.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? name : name[..end]);
    }

    // Termios settings belong to the terminal, not to a descriptor, so setting them on our slave
    // descriptor makes every later open of /dev/pts/N raw too (until a client changes them).
    private static void MakeRaw(SafeFileHandle slave, string path)
    {
        var errno = TerminalIoctl.GetAttributes(slave, out var termios);
        if (errno != 0)
        {
            throw LibC.Failure($"TCGETS2 on {path}", errno);
        }
        termios.MakeRaw();
        LineSpeed.Apply(ref termios, 0);
        errno = TerminalIoctl.SetAttributes(slave, termios);
        if (errno != 0)
        {
            throw LibC.Failure($"TCSETS2 (raw mode, speed B0) on {path}", errno);
        }
    }
}
