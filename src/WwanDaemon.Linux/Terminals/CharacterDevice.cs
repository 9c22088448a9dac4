using Microsoft.Win32.SafeHandles;

namespace WwanDaemon.Linux.Terminals;

/// <summary>
/// Opens a modem's character device (/dev/cdc-wdmN, /dev/ttyUSBN, a pty slave) as a <see cref="Stream"/>
/// whose reads wait in poll() rather than inside read(), so they can be cancelled and a closing port
/// never leaves a thread blocked (a plain FileStream on a tty cannot be cancelled). Opened non-blocking,
/// without becoming the controlling terminal, close-on-exec. It sets no terminal modes and takes no
/// exclusive hold: right for cdc-wdm; serial ports (/dev/ttyUSBN, /dev/ttyACMN) are opened with
/// <see cref="SerialPort"/>, which does both. A hang-up (unplug) fails reads and writes with
/// <see cref="PortGoneException"/>.
/// </summary>
public static class CharacterDevice
{
    /// <exception cref="IOException">open(2) failed; the message carries the path and strerror's text.</exception>
    public static Stream Open(string path)
    {
        var fd = LibC.Open(path, LibC.O_RDWR | LibC.O_NOCTTY | LibC.O_CLOEXEC | LibC.O_NONBLOCK);
        if (fd < 0)
        {
            throw LibC.LastFailure($"opening {path}");
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            return new TerminalStream(handle, path, ownsHandle: true);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }
}
