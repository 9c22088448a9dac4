namespace WwanDaemon.Simulator.Modem;

/// <summary>Traffic counters since the modem started, as MBIM PACKET_STATISTICS reports them.</summary>
public sealed record PacketStatistics(long InOctets, long InPackets, long OutOctets, long OutPackets, long InErrors = 0, long OutErrors = 0, long InDiscards = 0, long OutDiscards = 0);

public sealed partial class SimulatedModem
{
    private bool packetServiceDetachedByHost;

    /// <summary>
    /// Packet service (PS) attach. An LTE modem attaches together with its registration, so the
    /// service is attached whenever the modem is registered, unless the host detached it (MBIM
    /// PACKET_SERVICE detach); it stays detached until the host attaches again or the modem resets.
    /// </summary>
    public bool PacketServiceAttached
    {
        get
        {
            lock (gate)
            {
                return IsRegistered && !packetServiceDetachedByHost;
            }
        }
    }

    /// <summary>Counters since start or the last <see cref="Reset"/>.</summary>
    public PacketStatistics Statistics { get; private set; } = new(0, 0, 0, 0);

    private bool IsRegistered => Registration is RegistrationState.Home or RegistrationState.Roaming;

    /// <summary>Attaches the packet service; refused while the modem is not registered.</summary>
    public Refusal? AttachPacketService()
    {
        lock (gate)
        {
            if (!IsRegistered)
            {
                return new Refusal("not registered: the packet service attaches once the modem is on a network");
            }
            packetServiceDetachedByHost = false;
        }
        Raise("packet-service");
        return null;
    }

    /// <summary>Detaches the packet service; every session ends with it.</summary>
    public void DetachPacketService()
    {
        lock (gate)
        {
            packetServiceDetachedByHost = true;
            sessions.Clear();
        }
        Raise("packet-service");
        Raise("session");
    }

    /// <summary>Counts simulated traffic (tests and scripted scenarios move data "through" the modem).</summary>
    public void AddTraffic(long inOctets, long inPackets, long outOctets, long outPackets)
    {
        lock (gate)
        {
            Statistics = Statistics with
            {
                InOctets = Statistics.InOctets + inOctets,
                InPackets = Statistics.InPackets + inPackets,
                OutOctets = Statistics.OutOctets + outOctets,
                OutPackets = Statistics.OutPackets + outPackets,
            };
        }
        Raise("statistics");
    }

    /// <summary>
    /// A firmware restart (QMI DMS Set Operating Mode "reset", a scripted reset fault): sessions end,
    /// the packet service and counters start over, the radio returns to the profile's start mode and
    /// an FCC-locked profile is locked again (the lock is per boot). Faces hear "reset" first and
    /// forget their per-host state (client ids, MBIM open state, the first-protocol latch).
    /// </summary>
    public void Reset()
    {
        lock (gate)
        {
            searchTimer?.Dispose();
            searchTimer = null;
            sessions.Clear();
            packetServiceDetachedByHost = false;
            Statistics = new PacketStatistics(0, 0, 0, 0);
            FccLocked = Profile.FccLocked;
            Mode = Profile.StartOnline && !Profile.FccLocked ? OperatingMode.Online : OperatingMode.LowPower;
            Registration = RegistrationState.NotRegistered;
            if (Mode == OperatingMode.Online && Sim.State == SimState.Ready)
            {
                BeginRegistration();
            }
        }
        Raise("reset");
        Raise("operating-mode");
        Raise("registration");
        Raise("session");
    }
}
