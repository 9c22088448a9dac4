using System.Text;
using Microsoft.Win32.SafeHandles;

namespace WwanDaemon.Linux.Terminals;

/// <summary>
/// A Linux pseudo-terminal (pty(7)) whose slave side, <c>/dev/pts/N</c>, looks to a client like a
/// modem's serial port, and whose master side is a <see cref="Stream"/> for the simulated device.
/// The slave is put in raw mode (cfmakeraw: no echo, no CR/LF translation, no signals, 8-bit clean)
/// and kept open for the object's lifetime: when the last slave descriptor closes, Linux hangs up the
/// master (reads fail with EIO), so holding one ourselves lets clients open and close the port freely.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private readonly SafeFileHandle master;
    private readonly SafeFileHandle slave;
    private readonly PseudoTerminalStream stream;

    private PseudoTerminal(SafeFileHandle master, SafeFileHandle slave, string slavePath)
    {
        this.master = master;
        this.slave = slave;
        SlavePath = slavePath;
        stream = new PseudoTerminalStream(master, slavePath);
    }

    /// <summary>The slave's device path, <c>/dev/pts/N</c>, which clients open as their serial port.</summary>
    public string SlavePath { get; }

    /// <summary>The master side: what clients write to the slave is read here, and what is written here they read.</summary>
    public Stream Master => stream;

    /// <summary>Allocates a pseudo-terminal, unlocks its slave and sets the slave to raw mode.</summary>
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
    // descriptor makes every later open of /dev/pts/N raw too.
    private static unsafe void MakeRaw(SafeFileHandle slave, string path)
    {
        Termios termios;
        if (LibC.Tcgetattr(slave, &termios) != 0)
        {
            throw LibC.LastFailure($"tcgetattr on {path}");
        }
        LibC.Cfmakeraw(&termios);
        if (LibC.Tcsetattr(slave, LibC.TCSANOW, &termios) != 0)
        {
            throw LibC.LastFailure($"tcsetattr (raw mode) on {path}");
        }
    }
}
