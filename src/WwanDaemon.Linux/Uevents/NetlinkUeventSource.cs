using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;

namespace WwanDaemon.Linux.Uevents;

/// <summary>
/// Kernel uevents straight from the NETLINK_KOBJECT_UEVENT socket, multicast group 1: works where no
/// udevd runs (containers, initramfs, this daemon's tests). A dedicated thread polls the socket and an
/// eventfd (to wake it on dispose), parses each datagram with <see cref="UeventParser"/> and queues the
/// events whose SUBSYSTEM is wanted. Only datagrams from the kernel (sender port id 0) are accepted, so
/// a local process cannot inject fake device events.
/// </summary>
public sealed class NetlinkUeventSource : IUeventSource
{
    /// <summary>The subsystems a modem's device and ports live in.</summary>
    public static IReadOnlySet<string> ModemSubsystems { get; } = new HashSet<string>(StringComparer.Ordinal) { "usb", "usbmisc", "tty", "net", "wwan" };

    // UEVENT_BUFFER_SIZE is 2048 (include/linux/kobject.h) plus the ACTION@DEVPATH header: 8 KiB is ample.
    private const int DatagramBuffer = 8192;
    private const int QueueCapacity = 4096;

    private readonly int socket;
    private readonly int wakeup;
    private readonly IReadOnlySet<string> subsystems;
    private readonly Action<string>? onDiscarded;
    private readonly Channel<Uevent> queue;
    private readonly Thread thread;
    private int disposed;

    private NetlinkUeventSource(int socket, int wakeup, IReadOnlySet<string> subsystems, Action<string>? onDiscarded)
    {
        this.socket = socket;
        this.wakeup = wakeup;
        this.subsystems = subsystems;
        this.onDiscarded = onDiscarded;
        // A reader that stops reading must not grow memory without bound: the oldest events go, counted
        // as an overflow like the kernel's own, so the caller knows to rescan.
        queue = Channel.CreateBounded<Uevent>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true },
            dropped =>
            {
                Interlocked.Increment(ref overflows);
                onDiscarded?.Invoke($"the reader fell {QueueCapacity} events behind; dropped {dropped}: rescan sysfs to catch up");
            });
        thread = new Thread(ReceiveLoop) { IsBackground = true, Name = "uevent netlink" };
        thread.Start();
    }

    /// <summary>Datagrams dropped as malformed or from a sender other than the kernel.</summary>
    public long Discarded => Interlocked.Read(ref discarded);

    private long discarded;

    /// <summary>Times events were lost (the kernel's queue overflowed, ENOBUFS, or the reader lagged): the caller should rescan sysfs.</summary>
    public long Overflows => Interlocked.Read(ref overflows);

    private long overflows;

    /// <summary>
    /// Opens and binds the socket. <paramref name="subsystems"/> defaults to <see cref="ModemSubsystems"/>;
    /// <paramref name="onDiscarded"/> hears why a datagram was dropped (for the log).
    /// </summary>
    /// <exception cref="IOException">The kernel refused the socket; the message says why and what to do.</exception>
    public static unsafe NetlinkUeventSource Open(IReadOnlySet<string>? subsystems = null, Action<string>? onDiscarded = null)
    {
        var socket = NetlinkNative.Socket(NetlinkNative.AF_NETLINK, NetlinkNative.SOCK_DGRAM | NetlinkNative.SOCK_NONBLOCK | NetlinkNative.SOCK_CLOEXEC, NetlinkNative.NETLINK_KOBJECT_UEVENT);
        if (socket < 0)
        {
            throw new IOException($"Cannot open the kernel uevent socket (AF_NETLINK, NETLINK_KOBJECT_UEVENT): {NetlinkNative.Describe(Marshal.GetLastPInvokeError())}. Device hotplug needs it: run on Linux without a seccomp or LSM policy that forbids netlink sockets.");
        }
        var address = new NetlinkNative.SockaddrNetlink { Family = NetlinkNative.AF_NETLINK, Groups = NetlinkNative.KernelGroup };
        if (NetlinkNative.Bind(socket, &address, (uint)sizeof(NetlinkNative.SockaddrNetlink)) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            NetlinkNative.Close(socket);
            throw new IOException($"Cannot join the kernel uevent multicast group: {NetlinkNative.Describe(errno)}. Device hotplug needs it: in a container, give it the host's network namespace or run udevd outside and use coldplug only.");
        }
        // A burst of events (a hub with four modems) must not overflow the default queue (~200 KiB).
        // Best effort: SO_RCVBUFFORCE needs CAP_NET_ADMIN, SO_RCVBUF is capped by rmem_max; a failure
        // leaves the default size, and overflows are still detected (ENOBUFS) and counted.
        var size = 4 * 1024 * 1024;
        if (NetlinkNative.SetSocketOption(socket, NetlinkNative.SOL_SOCKET, NetlinkNative.SO_RCVBUFFORCE, &size, sizeof(int)) < 0)
        {
            _ = NetlinkNative.SetSocketOption(socket, NetlinkNative.SOL_SOCKET, NetlinkNative.SO_RCVBUF, &size, sizeof(int));
        }
        var wakeup = NetlinkNative.Eventfd(0, NetlinkNative.EFD_NONBLOCK | NetlinkNative.EFD_CLOEXEC);
        if (wakeup < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            NetlinkNative.Close(socket);
            throw new IOException($"Cannot create the eventfd that stops the uevent reader: {NetlinkNative.Describe(errno)}.");
        }
        return new NetlinkUeventSource(socket, wakeup, subsystems ?? ModemSubsystems, onDiscarded);
    }

    public async IAsyncEnumerable<Uevent> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (queue.Reader.TryRead(out var uevent))
            {
                yield return uevent;
            }
        }
    }

    private unsafe void ReceiveLoop()
    {
        var buffer = new byte[DatagramBuffer];
        var fds = stackalloc NetlinkNative.PollFd[2];
        try
        {
            while (Volatile.Read(ref disposed) == 0)
            {
                fds[0] = new NetlinkNative.PollFd { Fd = socket, Events = NetlinkNative.POLLIN };
                fds[1] = new NetlinkNative.PollFd { Fd = wakeup, Events = NetlinkNative.POLLIN };
                if (NetlinkNative.Poll(fds, 2, -1) < 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    if (errno == NetlinkNative.EINTR)
                    {
                        continue;
                    }
                    throw new IOException($"poll on the kernel uevent socket failed: {NetlinkNative.Describe(errno)}. Device hotplug stopped; restart wwan-daemon.");
                }
                if (fds[1].Revents != 0)
                {
                    break;
                }
                DrainSocket(buffer);
            }
            queue.Writer.TryComplete();
        }
        catch (Exception failure)
        {
            // The reader sees it (an exception escaping this thread would end the process): hotplug
            // must not stop silently.
            queue.Writer.TryComplete(failure);
        }
    }

    private unsafe void DrainSocket(byte[] buffer)
    {
        while (true)
        {
            var sender = default(NetlinkNative.SockaddrNetlink);
            var senderLength = (uint)sizeof(NetlinkNative.SockaddrNetlink);
            nint received;
            fixed (byte* pointer = buffer)
            {
                received = NetlinkNative.ReceiveFrom(socket, pointer, (nuint)buffer.Length, 0, &sender, &senderLength);
            }
            if (received < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                switch (errno)
                {
                    case NetlinkNative.EAGAIN:
                        return;
                    case NetlinkNative.EINTR:
                        continue;
                    case NetlinkNative.ENOBUFS:
                        Interlocked.Increment(ref overflows);
                        onDiscarded?.Invoke("the kernel dropped uevents (receive queue overflow, ENOBUFS): rescan sysfs to catch up");
                        continue;
                    default:
                        throw new IOException($"Receiving from the kernel uevent socket failed: {NetlinkNative.Describe(errno)}. Device hotplug stopped; restart wwan-daemon.");
                }
            }
            if (sender.PortId != 0)
            {
                Discard($"a datagram from port id {sender.PortId} (a process, not the kernel) was ignored");
                continue;
            }
            if (!UeventParser.TryParse(buffer.AsSpan(0, (int)received), out var uevent, out var error))
            {
                Discard($"a malformed uevent of {received} bytes was ignored: {error}");
                continue;
            }
            if (subsystems.Contains(uevent.Subsystem))
            {
                queue.Writer.TryWrite(uevent);
            }
        }
    }

    private void Discard(string reason)
    {
        Interlocked.Increment(ref discarded);
        onDiscarded?.Invoke(reason);
    }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return ValueTask.CompletedTask;
        }
        unsafe
        {
            ulong one = 1;
            _ = NetlinkNative.Write(wakeup, (byte*)&one, sizeof(ulong)); // wakes poll; the loop also checks the flag
        }
        thread.Join();
        NetlinkNative.Close(socket);
        NetlinkNative.Close(wakeup);
        queue.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
