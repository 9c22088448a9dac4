using System.Runtime.InteropServices;
using WwanDaemon.Network.Rtnetlink;

namespace WwanDaemon.Network.Netlink;

/// <summary>
/// A NETLINK_ROUTE socket that sends one request at a time and waits for the kernel's answer to that
/// sequence number. A netlink socket belongs to the network namespace of the thread that created it,
/// for its whole life: open it on a thread that entered another namespace (setns) and every request
/// goes there, whichever thread sends it later. Thread-safe: requests are serialised.
/// </summary>
public sealed unsafe class NetlinkRouteSocket : IDisposable
{
    private const int ReceiveBufferLength = 64 * 1024;
    private readonly Lock gate = new();
    private readonly byte[] receiveBuffer = new byte[ReceiveBufferLength];
    private int descriptor;
    private uint sequence;

    /// <summary>Opens the socket in the calling thread's network namespace.</summary>
    /// <param name="replyTimeout">How long to wait for the kernel's answer (it answers at once; this only guards against a wedged kernel).</param>
    public NetlinkRouteSocket(TimeSpan? replyTimeout = null)
    {
        descriptor = NetlinkLibC.Socket(RtnetlinkConstants.AddressFamilyNetlink, NetlinkLibC.SocketRaw | NetlinkLibC.SocketCloseOnExec, RtnetlinkConstants.NetlinkRoute);
        if (descriptor < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"opening a NETLINK_ROUTE socket failed: {Errno.Name(errno)}: {Errno.Fix(errno)}");
        }
        SetReceiveTimeout(replyTimeout ?? TimeSpan.FromSeconds(5));
        RequestKernelExplanations();
        sequence = (uint)Environment.TickCount;
    }

    /// <summary>
    /// Sends one request built for the next sequence number and returns the kernel's answer: the data
    /// messages for that sequence (RTM_NEWLINK for RTM_GETLINK) and the errno of its ACK (0 = success).
    /// </summary>
    /// <exception cref="TimeoutException">No answer in time.</exception>
    /// <exception cref="RtnetlinkProtocolException">The answer cannot be read.</exception>
    public NetlinkAnswer Send(Func<uint, byte[]> buildRequest)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(descriptor < 0, this);
            var requestSequence = ++sequence;
            SendToKernel(buildRequest(requestSequence));
            var data = new List<NetlinkMessage>();
            while (true)
            {
                var datagram = ReceiveDatagram();
                foreach (var message in NetlinkMessageReader.ReadAll(datagram))
                {
                    if (message.Sequence != requestSequence)
                    {
                        continue; // a late answer to an earlier request that timed out
                    }
                    if (message.Type == RtnetlinkConstants.TypeError)
                    {
                        var acknowledgement = RtnetlinkReplies.ReadAcknowledgement(message);
                        return new NetlinkAnswer(acknowledgement.Errno, data, acknowledgement.KernelMessage);
                    }
                    if (message.Type == RtnetlinkConstants.TypeDone)
                    {
                        return new NetlinkAnswer(0, data);
                    }
                    if (message.Type != RtnetlinkConstants.TypeNoop)
                    {
                        data.Add(message);
                    }
                }
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (descriptor >= 0)
            {
                NetlinkLibC.Close(descriptor);
                descriptor = -1;
            }
        }
    }

    private void SendToKernel(byte[] request)
    {
        byte* kernel = stackalloc byte[NetlinkLibC.SockaddrNetlinkLength];
        new Span<byte>(kernel, NetlinkLibC.SockaddrNetlinkLength).Clear(); // nl_pid 0 = the kernel, no groups
        *(ushort*)kernel = RtnetlinkConstants.AddressFamilyNetlink;
        fixed (byte* bytes = request)
        {
            nint sent;
            do
            {
                sent = NetlinkLibC.SendTo(descriptor, bytes, (nuint)request.Length, 0, kernel, NetlinkLibC.SockaddrNetlinkLength);
            }
            while (sent < 0 && Marshal.GetLastPInvokeError() == NetlinkLibC.Interrupted);
            if (sent < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"sending a netlink request failed: {Errno.Name(errno)}: {Errno.Fix(errno)}");
            }
        }
    }

    private ReadOnlySpan<byte> ReceiveDatagram()
    {
        fixed (byte* buffer = receiveBuffer)
        {
            nint received;
            do
            {
                received = NetlinkLibC.Receive(descriptor, buffer, (nuint)receiveBuffer.Length, NetlinkLibC.MessageTruncated);
            }
            while (received < 0 && Marshal.GetLastPInvokeError() == NetlinkLibC.Interrupted);
            if (received < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == NetlinkLibC.TryAgain)
                {
                    throw new TimeoutException("the kernel did not answer a netlink request in time");
                }
                throw new IOException($"receiving a netlink answer failed: {Errno.Name(errno)}: {Errno.Fix(errno)}");
            }
            if (received > receiveBuffer.Length)
            {
                throw new RtnetlinkProtocolException($"netlink answer of {received} bytes does not fit the {receiveBuffer.Length}-byte buffer");
            }
            return receiveBuffer.AsSpan(0, (int)received);
        }
    }

    /// <summary>
    /// NETLINK_EXT_ACK = 1: errors then carry the kernel's text. Kernels before 4.12 refuse the option
    /// (ENOPROTOOPT); errors then come with the errno alone, which is why a failure here is not fatal.
    /// </summary>
    private void RequestKernelExplanations()
    {
        int enabled = 1;
        NetlinkLibC.SetSocketOption(descriptor, RtnetlinkConstants.SocketLevelNetlink, RtnetlinkConstants.OptionExtendedAck, &enabled, sizeof(int));
    }

    private void SetReceiveTimeout(TimeSpan timeout)
    {
        // struct timeval { time_t tv_sec; suseconds_t tv_usec; }: two 64-bit fields on 64-bit Linux.
        long* value = stackalloc long[2];
        value[0] = (long)timeout.TotalSeconds;
        value[1] = timeout.Microseconds + timeout.Milliseconds * 1000L;
        if (NetlinkLibC.SetSocketOption(descriptor, NetlinkLibC.SocketLevel, NetlinkLibC.ReceiveTimeout, value, 16) < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            NetlinkLibC.Close(descriptor);
            throw new IOException($"setting SO_RCVTIMEO on the netlink socket failed: {Errno.Name(errno)}");
        }
    }
}

/// <summary>The kernel's answer to one request: the ACK's errno (0 = success), any data messages before it, and the kernel's explanation of an error when it gave one.</summary>
public sealed record NetlinkAnswer(int Errno, IReadOnlyList<NetlinkMessage> Messages, string? KernelMessage = null);
