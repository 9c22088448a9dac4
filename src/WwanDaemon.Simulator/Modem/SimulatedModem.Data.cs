using System.Net;

namespace WwanDaemon.Simulator.Modem;

/// <summary>Signal as the simulator reports it (LTE measurements; RSSI for the older messages).</summary>
public sealed record SignalQuality(int RssiDbm, int RsrpDbm, double RsrqDb, double SnrDb);

/// <summary>A packet data session with the addresses the simulated network gave it.</summary>
public sealed record DataSession(uint Handle, string Apn, int IpFamily, IPAddress? Ipv4, IPAddress? Ipv4Gateway, IPAddress? Ipv6, IPAddress[] Dns, int Mtu)
{
    /// <summary>The host number both addresses use (192.0.2.N, 2001:db8:64::N).</summary>
    public int Host { get; init; }
}

public sealed partial class SimulatedModem
{
    /// <summary>
    /// Starts a session when registered and the APN is one the profile allows. Addresses come from
    /// the documentation ranges (RFC 5737 192.0.2.0/24, RFC 3849 2001:db8::/32): values to report
    /// and configure inside test namespaces, never destinations on a real network.
    /// </summary>
    public (DataSession? Session, Refusal? Refusal) StartSession(string apn, int ipFamily)
    {
        DataSession session;
        lock (gate)
        {
            if (Registration is not (RegistrationState.Home or RegistrationState.Roaming))
            {
                return (null, new Refusal("not registered"));
            }
            if (packetServiceDetachedByHost)
            {
                return (null, new Refusal("the packet service is detached"));
            }
            if (!Profile.AllowedApns.Contains(apn, StringComparer.OrdinalIgnoreCase))
            {
                return (null, new Refusal($"APN '{apn}' is not allowed by the simulated network"));
            }
            // Hosts 2..254 of the /24; a host is free again once its session ends.
            var used = sessions.Values.Where(v => v.Ipv4 is not null).Select(v => (int)v.Ipv4!.GetAddressBytes()[3]).Concat(sessions.Values.Select(v => v.Host)).ToHashSet();
            var host = Enumerable.Range(0, 253).Select(i => ((nextHost - 2 + i) % 253) + 2).FirstOrDefault(h => !used.Contains(h));
            if (host == 0)
            {
                return (null, new Refusal("no free addresses: every simulated session is in use"));
            }
            nextHost = host + 1;
            var ipv4 = ipFamily == 6 ? null : IPAddress.Parse($"192.0.2.{host}");
            var ipv6 = ipFamily == 4 ? null : IPAddress.Parse($"2001:db8:64::{host:x}");
            session = new DataSession(nextHandle++, apn, ipFamily, ipv4, ipv4 is null ? null : IPAddress.Parse("192.0.2.1"), ipv6,
                [IPAddress.Parse("192.0.2.53"), IPAddress.Parse("192.0.2.54")], 1500) { Host = host };
            sessions[session.Handle] = session;
        }
        Raise("session");
        return (session, null);
    }

    public Refusal? StopSession(uint handle)
    {
        lock (gate)
        {
            if (!sessions.Remove(handle))
            {
                return new Refusal($"no session with handle 0x{handle:x8}");
            }
        }
        Raise("session");
        return null;
    }
}
