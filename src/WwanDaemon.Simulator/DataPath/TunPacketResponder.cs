using System.Net.Sockets;
using WwanDaemon.Linux.Tun;
using WwanDaemon.Simulator.Modem;

namespace WwanDaemon.Simulator.DataPath;

/// <summary>
/// The modem's end of a TUN-backed network interface: a thread reads each packet the host sends,
/// <see cref="Ipv4EchoResponder"/> decides, and echo replies are written back while the modem has
/// an active IPv4 session (read from <see cref="SimulatedModem.Sessions"/> per packet). Disposing
/// stops the thread and closes the TUN, which removes the device.
/// </summary>
public sealed class TunPacketResponder : IDisposable
{
    /// <summary>How long one wait for a packet lasts: the latest a stop is noticed.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    private readonly TunDevice device;
    private readonly SimulatedModem modem;
    private readonly Thread thread;
    private volatile bool stopping;
    private long seen;
    private long answered;
    private long malformed;
    private long ignored;
    private long lost;

    private TunPacketResponder(TunDevice device, SimulatedModem modem)
    {
        this.device = device;
        this.modem = modem;
        thread = new Thread(Run) { IsBackground = true, Name = "tun " + device.Name };
    }

    /// <summary>The interface name.</summary>
    public string Name => device.Name;

    /// <summary>The failure that ended the packet loop (the device vanished under it), or null.</summary>
    public Exception? Failure { get; private set; }

    /// <summary>The last reply the kernel refused, or null (counted in <see cref="DataPathCounters.RepliesLost"/>).</summary>
    public IOException? LastLostReply { get; private set; }

    public DataPathCounters Counters => new(Name, Interlocked.Read(ref seen), Interlocked.Read(ref answered), Interlocked.Read(ref malformed), Interlocked.Read(ref ignored), Interlocked.Read(ref lost));

    /// <summary>Creates the TUN device <paramref name="name"/> in the calling thread's network namespace and starts answering on it.</summary>
    /// <exception cref="IOException">The TUN device cannot be created; the message names it and the fix.</exception>
    public static TunPacketResponder Start(string name, SimulatedModem modem)
    {
        var responder = new TunPacketResponder(TunDevice.Create(name), modem);
        responder.thread.Start();
        return responder;
    }

    /// <summary>Stops the loop, then closes the TUN device (the kernel removes it).</summary>
    public void Dispose()
    {
        stopping = true;
        if (thread.IsAlive)
        {
            thread.Join();
        }
        device.Dispose();
    }

    private void Run()
    {
        var buffer = new byte[65535];
        try
        {
            while (!stopping)
            {
                var length = device.ReadPacket(buffer, PollInterval);
                if (length > 0)
                {
                    Answer(buffer.AsSpan(0, length));
                }
            }
        }
        catch (IOException gone)
        {
            Failure = gone; // the machine reports it when it removes the interface
        }
    }

    private void Answer(ReadOnlySpan<byte> packet)
    {
        Interlocked.Increment(ref seen);
        var sessions = modem.Sessions
            .Where(s => s.Ipv4 is { AddressFamily: AddressFamily.InterNetwork })
            .Select(s => new Ipv4SessionAddresses(s.Ipv4!, s.Ipv4Gateway))
            .ToArray();
        switch (Ipv4EchoResponder.Respond(packet, sessions, out var reply))
        {
            case EchoVerdict.Answered:
                try
                {
                    device.WritePacket(reply);
                    Interlocked.Increment(ref answered);
                }
                catch (IOException refused)
                {
                    // A TUN refuses writes while its link is down (EIO, drivers/net/tun.c tun_get_user):
                    // the host cleared the interface between its request and our reply. Counted, kept, not fatal.
                    LastLostReply = refused;
                    Interlocked.Increment(ref lost);
                }
                break;
            case EchoVerdict.Malformed:
                Interlocked.Increment(ref malformed);
                break;
            default:
                Interlocked.Increment(ref ignored);
                break;
        }
    }
}
