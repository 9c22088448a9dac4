namespace WwanDaemon.Linux.Terminals;

/// <summary>
/// A terminal or character device hung up under us: the USB device was unplugged, reset or
/// re-enumerated (read() returned 0 or EIO, poll() reported POLLHUP/POLLERR, write() failed with EIO),
/// or, for a pty slave, the simulator closed the master. Every later read and write on the stream fails
/// with it too. The descriptor is useless; close it and open the device again when it comes back.
/// </summary>
public sealed class PortGoneException : IOException
{
    /// <summary>Reports that <paramref name="devicePath"/> hung up; <paramref name="detail"/> says how it showed.</summary>
    public PortGoneException(string devicePath, string detail, int errno = 0)
        : base($"{devicePath}: port gone ({detail}); the device was unplugged, reset or re-enumerated: close it and reopen it when it is back", errno)
    {
        DevicePath = devicePath;
    }

    public PortGoneException()
    {
        DevicePath = "";
    }

    public PortGoneException(string message)
        : base(message)
    {
        DevicePath = "";
    }

    public PortGoneException(string message, Exception innerException)
        : base(message, innerException)
    {
        DevicePath = "";
    }

    /// <summary>The device that hung up, e.g. /dev/ttyUSB2.</summary>
    public string DevicePath { get; }
}
