using WwanDaemon.Qmi.Messages;
using WwanDaemon.Qmi.Values;

namespace WwanDaemon.Simulator.Qmi;

/// <summary>What a handler sees of one request.</summary>
public sealed record QmiRequestContext(Modem.SimulatedModem Modem, QmiDecodedMessage Request, byte ClientId, SimulatedQmiPort Port);

public sealed partial class SimulatedQmiPort
{
    /// <summary>Client ids per service, as CTL Allocate CID hands them out (1..254; 0 is CTL's, 0xff broadcast).</summary>
    internal byte Allocate(byte service)
    {
        lock (gate)
        {
            if (!clients.TryGetValue(service, out var allocated))
            {
                clients[service] = allocated = [];
            }
            for (var attempt = 0; attempt < 254; attempt++)
            {
                var candidate = nextClient.GetValueOrDefault(service, (byte)0);
                candidate = (byte)(candidate % 254 + 1);
                nextClient[service] = candidate;
                if (allocated.Add(candidate))
                {
                    return candidate;
                }
            }
            return 0;
        }
    }

    internal bool Release(byte service, byte clientId)
    {
        lock (gate)
        {
            return clients.TryGetValue(service, out var allocated) && allocated.Remove(clientId);
        }
    }

    internal bool IsAllocated(byte service, byte clientId)
    {
        lock (gate)
        {
            return clients.TryGetValue(service, out var allocated) && allocated.Contains(clientId);
        }
    }

    internal byte[] ClientsOf(byte service)
    {
        lock (gate)
        {
            return clients.TryGetValue(service, out var allocated) ? allocated.ToArray() : [];
        }
    }

    /// <summary>CTL Sync and a modem reset: every client id is gone.</summary>
    internal void DropAllClients()
    {
        lock (gate)
        {
            clients.Clear();
        }
    }

    private void Reset()
    {
        DropAllClients();
        foreach (var session in Modem.Sessions)
        {
            Modem.StopSession(session.Handle);
        }
    }

    /// <summary>Indication transaction ids, 1..65535 (0 skipped); indications come from several threads.</summary>
    internal ushort NextIndicationTransaction() => (ushort)((Interlocked.Increment(ref nextIndicationTransaction) % ushort.MaxValue) + 1);

}
