namespace WwanDaemon.Simulator.Mbim;

public sealed partial class SimulatedMbimPort
{
    /// <summary>MBIM CONNECT session ids (0..MaxSessions-1) and the modem sessions they name.</summary>
    private readonly Dictionary<uint, uint> sessionHandles = [];

    /// <summary>Signal State set: the host's reporting preferences, echoed in every answer.</summary>
    internal (long Interval, long RssiThreshold, long ErrorRateThreshold) SignalReporting { get; set; }

    internal void BindSession(uint sessionId, uint handle)
    {
        lock (gate)
        {
            sessionHandles[sessionId] = handle;
        }
    }

    internal void UnbindSession(uint sessionId)
    {
        lock (gate)
        {
            sessionHandles.Remove(sessionId);
        }
    }

    /// <summary>The modem session behind an MBIM session id, while it lasts.</summary>
    internal Modem.DataSession? SessionOf(uint sessionId)
    {
        lock (gate)
        {
            return sessionHandles.TryGetValue(sessionId, out var handle) ? Modem.Sessions.FirstOrDefault(s => s.Handle == handle) : null;
        }
    }

    /// <summary>Session ids whose modem session has ended (radio off, detach, lost registration); they are unbound.</summary>
    private uint[] EndedSessions()
    {
        lock (gate)
        {
            var live = Modem.Sessions.Select(s => s.Handle).ToHashSet();
            var ended = sessionHandles.Where(p => !live.Contains(p.Value)).Select(p => p.Key).ToArray();
            foreach (var sessionId in ended)
            {
                sessionHandles.Remove(sessionId);
            }
            return ended;
        }
    }
}
