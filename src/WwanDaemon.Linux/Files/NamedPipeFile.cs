using Microsoft.Win32.SafeHandles;
using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Linux.Files;

/// <summary>
/// A named pipe (fifo(7)) that stands in for a write-only kernel control file, such as sysfs's
/// <c>bus/usb/drivers/NAME/bind</c>, in a simulated tree: every write(2) a client makes arrives here
/// in order, so two writes in quick succession are never merged into one file content as they would
/// be in a regular file. The pipe is held open for reading and writing (O_RDWR, which Linux allows on
/// a FIFO, fifo(7)): a writer's open never blocks and the pipe never reports end-of-file.
/// Reads never block: <see cref="ReadAvailable"/> drains what is there.
/// </summary>
public sealed class NamedPipeFile : IDisposable
{
    private readonly SafeFileHandle handle;

    private NamedPipeFile(string path, SafeFileHandle handle)
    {
        Path = path;
        this.handle = handle;
    }

    /// <summary>Where the pipe is.</summary>
    public string Path { get; }

    /// <summary>Creates the pipe at <paramref name="path"/> with mode 0200 plus read for the owner (0600).</summary>
    /// <exception cref="IOException">mkfifo or open failed; the message names the path and the error.</exception>
    public static NamedPipeFile Create(string path)
    {
        if (LibC.Mkfifo(path, Convert.ToUInt32("600", 8)) != 0)
        {
            throw LibC.LastFailure($"mkfifo {path}");
        }
        var fd = LibC.Open(path, LibC.O_RDWR | LibC.O_NONBLOCK | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            throw LibC.LastFailure($"opening the named pipe {path}");
        }
        return new NamedPipeFile(path, new SafeFileHandle(fd, ownsHandle: true));
    }

    /// <summary>Everything written since the last call (empty when nothing was).</summary>
    /// <exception cref="IOException">read(2) failed with something other than EAGAIN.</exception>
    public unsafe byte[] ReadAvailable()
    {
        using var collected = new MemoryStream();
        var buffer = stackalloc byte[4096];
        while (true)
        {
            var count = LibC.Read(handle, buffer, 4096);
            if (count > 0)
            {
                collected.Write(new ReadOnlySpan<byte>(buffer, (int)count));
                continue;
            }
            if (count < 0)
            {
                var errno = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
                if (errno == LibC.EINTR)
                {
                    continue;
                }
                if (errno != LibC.EAGAIN)
                {
                    throw LibC.Failure($"reading the named pipe {Path}", errno);
                }
            }
            return collected.ToArray();
        }
    }

    /// <summary>Closes our ends; the pipe file stays where it is.</summary>
    public void Dispose() => handle.Dispose();
}
