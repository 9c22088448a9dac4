using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;
using WwanDaemon.Linux.Terminals;

namespace WwanDaemon.Linux.Tun;

/// <summary>
/// A TUN network device (Documentation/networking/tuntap.rst): a real netdev in the calling thread's
/// network namespace whose packets this process reads and writes as whole IP packets. Opened with
/// IFF_TUN | IFF_NO_PI, so a read returns one raw IP packet without the 4-byte packet-information
/// header, as qmi_wwan in raw-IP mode and cdc_mbim hand IP packets to the stack (ARPHRD_NONE,
/// point-to-point, NOARP). Not persistent: closing the descriptor (<see cref="Dispose"/>, or the
/// process ending) removes the device with its addresses and routes.
/// </summary>
public sealed class TunDevice : IDisposable
{
    // linux/if_tun.h: TUNSETIFF = _IOW('T', 202, int); IFF_TUN 0x0001, IFF_NO_PI 0x1000.
    private const nuint TunSetInterface = 0x400454ca;
    private const short FlagTun = 0x0001;
    private const short FlagNoPacketInformation = 0x1000;

    // linux/if.h: struct ifreq is IFNAMSIZ (16) bytes of name, then a union whose largest member
    // (struct ifmap) makes it 24 bytes on 64-bit ABIs; ifr_flags (short) sits at the union's start.
    private const int InterfaceRequestLength = 40;
    private const int InterfaceNameSize = 16;
    private const int ENOENT = 2;

    private readonly SafeFileHandle handle;

    private TunDevice(string name, SafeFileHandle handle)
    {
        Name = name;
        this.handle = handle;
    }

    /// <summary>The interface name ("wwan0").</summary>
    public string Name { get; }

    /// <summary>
    /// Creates the TUN device <paramref name="name"/> in the calling thread's network namespace.
    /// </summary>
    /// <exception cref="ArgumentException">The name is empty or longer than IFNAMSIZ-1 (15) bytes.</exception>
    /// <exception cref="IOException">/dev/net/tun is missing, the process lacks CAP_NET_ADMIN, or a device of that name exists; the message says which and what to do.</exception>
    public static unsafe TunDevice Create(string name)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name);
        if (nameBytes.Length is 0 or >= InterfaceNameSize)
        {
            throw new ArgumentException($"'{name}' cannot be a network interface name: 1 to 15 characters (IFNAMSIZ)", nameof(name));
        }
        var fd = LibC.Open("/dev/net/tun", LibC.O_RDWR | LibC.O_CLOEXEC | LibC.O_NONBLOCK);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(errno == ENOENT
                ? $"creating TUN device {name}: /dev/net/tun does not exist; load the tun module (modprobe tun) or, in a container, pass the device in (--device /dev/net/tun)"
                : $"creating TUN device {name}: opening /dev/net/tun failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}); it needs read and write access", errno);
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        var request = stackalloc byte[InterfaceRequestLength];
        new Span<byte>(request, InterfaceRequestLength).Clear();
        nameBytes.CopyTo(new Span<byte>(request, InterfaceNameSize));
        *(short*)(request + InterfaceNameSize) = FlagTun | FlagNoPacketInformation;
        if (LibC.Ioctl(handle, TunSetInterface, (nint)request) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            handle.Dispose();
            throw new IOException($"creating TUN device {name} (TUNSETIFF) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}); {FixFor(errno, name)}", errno);
        }
        return new TunDevice(name, handle);
    }

    /// <summary>
    /// Waits up to <paramref name="wait"/> for a packet and reads it into <paramref name="buffer"/>
    /// (a packet longer than the buffer is cut, as read(2) on a TUN does). Returns its length, or 0
    /// when none came in time.
    /// </summary>
    /// <exception cref="IOException">poll or read failed (the device is gone).</exception>
    public unsafe int ReadPacket(Span<byte> buffer, TimeSpan wait)
    {
        var poll = new LibC.PollFd { Fd = (int)handle.DangerousGetHandle(), Events = LibC.POLLIN };
        var ready = LibC.Poll(&poll, 1, (int)wait.TotalMilliseconds);
        if (ready < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == LibC.EINTR ? 0 : throw LibC.Failure($"poll on TUN device {Name}", errno);
        }
        if (ready == 0 || (poll.Revents & LibC.POLLIN) == 0)
        {
            return (poll.Revents & (LibC.POLLERR | LibC.POLLHUP | LibC.POLLNVAL)) != 0
                ? throw new IOException($"TUN device {Name} reported poll events 0x{poll.Revents:x} (the device is gone)")
                : 0;
        }
        fixed (byte* destination = buffer)
        {
            var length = LibC.Read(handle, destination, (nuint)buffer.Length);
            if (length < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                return errno is LibC.EAGAIN or LibC.EINTR ? 0 : throw LibC.Failure($"reading from TUN device {Name}", errno);
            }
            return (int)length;
        }
    }

    /// <summary>Hands one IP packet to the kernel, as if it had arrived on the interface.</summary>
    /// <exception cref="IOException">write failed (the device is down or gone, or the packet is malformed for the kernel).</exception>
    public unsafe void WritePacket(ReadOnlySpan<byte> packet)
    {
        fixed (byte* source = packet)
        {
            if (LibC.Write(handle, source, (nuint)packet.Length) < 0)
            {
                throw LibC.LastFailure($"writing a {packet.Length}-byte packet to TUN device {Name}");
            }
        }
    }

    /// <summary>Closes the descriptor: the kernel removes the device.</summary>
    public void Dispose() => handle.Dispose();

    private static string FixFor(int errno, string name) => errno switch
    {
        LibC.EPERM => "needs CAP_NET_ADMIN: run as root, or with AmbientCapabilities=CAP_NET_ADMIN",
        LibC.EBUSY or LibC.EINVAL => $"a network device named {name} already exists in this network namespace; remove it (ip link del {name}) or run in a fresh namespace (ip netns add NAME; ip netns exec NAME ...)",
        _ => "see Documentation/networking/tuntap.rst",
    };
}
