using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Linux.Sysfs;

/// <summary>Writes sysfs attributes; tests replace it with a double that plays the kernel.</summary>
public interface ISysfsAttributeWriter
{
    /// <summary>Writes <paramref name="value"/> to <paramref name="path"/>; returns 0, or the errno the write failed with.</summary>
    int Write(string path, string value);
}

/// <summary>
/// One open and one write(2) per attribute, as the kernel expects: a sysfs store method sees exactly
/// one buffer and its error comes back from write, not from close (fs/kernfs/file.c,
/// kernfs_fop_write_iter). The errno is returned, not thrown, so the caller can tell the person what it
/// means for this attribute (ENODEV: the device went away; EBUSY: another driver holds it).
/// O_TRUNC is what a shell's <c>echo 1 &gt; attr</c> passes: sysfs ignores it, and a fake tree's regular
/// file then reads back exactly what was written.
/// </summary>
public sealed class SysfsAttributeWriter : ISysfsAttributeWriter
{
    public static SysfsAttributeWriter Instance { get; } = new();

    private const int O_WRONLY = 0x1;
    private const int O_TRUNC = 0x200; // asm-generic/fcntl.h 01000

    public unsafe int Write(string path, string value)
    {
        var fd = LibC.Open(path, O_WRONLY | O_TRUNC | LibC.O_CLOEXEC);
        if (fd < 0)
        {
            return Marshal.GetLastPInvokeError();
        }
        using var handle = new SafeFileHandle(fd, ownsHandle: true);
        var bytes = Encoding.UTF8.GetBytes(value);
        while (true)
        {
            nint written;
            fixed (byte* pointer = bytes)
            {
                written = LibC.Write(handle, pointer, (nuint)bytes.Length);
            }
            if (written >= 0)
            {
                return 0;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno != LibC.EINTR)
            {
                return errno;
            }
        }
    }
}
