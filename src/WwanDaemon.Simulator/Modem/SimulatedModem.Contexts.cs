namespace WwanDaemon.Simulator.Modem;

/// <summary>A PDP context as +CGDCONT defines it (TS 27.007 §10.1.1): id, PDP type ("IP", "IPV6", "IPV4V6") and APN.</summary>
public sealed record PdpContextDefinition(int Cid, string PdpType, string Apn)
{
    /// <summary>The session IP family the context asks for: 4, 6, or 0 for both (what <see cref="SimulatedModem.StartSession"/> takes).</summary>
    public int IpFamily => PdpType switch
    {
        "IPV6" => 6,
        "IPV4V6" => 0,
        _ => 4,
    };
}

public sealed partial class SimulatedModem
{
    /// <summary>The PDP types the simulated network knows.</summary>
    public static IReadOnlyList<string> PdpTypes { get; } = ["IP", "IPV6", "IPV4V6"];

    /// <summary>The highest context id (SIMCom and Quectel firmware offer 1-24).</summary>
    public const int MaxCid = 24;

    private readonly SortedDictionary<int, PdpContextDefinition> contexts = [];
    private readonly Dictionary<int, uint> contextSessions = [];

    /// <summary>Defined contexts by id. They live in the modem's NV memory: a reset keeps them.</summary>
    public IReadOnlyList<PdpContextDefinition> PdpContexts
    {
        get
        {
            lock (gate)
            {
                return contexts.Values.ToArray();
            }
        }
    }

    /// <summary>Defines or redefines a context; refused while it is active.</summary>
    public Refusal? DefinePdpContext(PdpContextDefinition context)
    {
        lock (gate)
        {
            if (context.Cid is < 1 or > MaxCid || !PdpTypes.Contains(context.PdpType))
            {
                return new Refusal($"context {context.Cid} of type '{context.PdpType}': ids are 1-{MaxCid}, types {string.Join(", ", PdpTypes)}");
            }
            if (ActiveSessionOf(context.Cid) is not null)
            {
                return new Refusal($"context {context.Cid} is active; deactivate it first");
            }
            contexts[context.Cid] = context;
        }
        Raise("pdp-context");
        return null;
    }

    /// <summary>Removes a context definition (AT+CGDCONT=&lt;cid&gt;); refused while it is active.</summary>
    public Refusal? UndefinePdpContext(int cid)
    {
        lock (gate)
        {
            if (ActiveSessionOf(cid) is not null)
            {
                return new Refusal($"context {cid} is active; deactivate it first");
            }
            contexts.Remove(cid);
        }
        Raise("pdp-context");
        return null;
    }

    /// <summary>The session of an active context, or null (never activated, deactivated, or ended by the network).</summary>
    public DataSession? PdpContextSession(int cid)
    {
        lock (gate)
        {
            return ActiveSessionOf(cid);
        }
    }

    /// <summary>
    /// Activates a defined context: a session on its APN and PDP type, or on <paramref name="ipFamily"/>
    /// (4, 6, 0 for both) when a vendor call command asks for one. An active one stays as it is.
    /// </summary>
    public (DataSession? Session, Refusal? Refusal) ActivatePdpContext(int cid, int? ipFamily = null)
    {
        PdpContextDefinition definition;
        lock (gate)
        {
            if (!contexts.TryGetValue(cid, out definition!))
            {
                return (null, new Refusal($"context {cid} is not defined (AT+CGDCONT={cid},...)"));
            }
            if (ActiveSessionOf(cid) is { } active)
            {
                return (active, null);
            }
        }
        var (session, refusal) = StartSession(definition.Apn, ipFamily ?? definition.IpFamily);
        if (session is not null)
        {
            lock (gate)
            {
                contextSessions[cid] = session.Handle;
            }
        }
        return (session, refusal);
    }

    /// <summary>Deactivates a context; one that is not active is left alone.</summary>
    public void DeactivatePdpContext(int cid)
    {
        uint handle;
        lock (gate)
        {
            if (!contextSessions.Remove(cid, out handle))
            {
                return;
            }
        }
        _ = StopSession(handle);
    }

    private DataSession? ActiveSessionOf(int cid) =>
        contextSessions.TryGetValue(cid, out var handle) && sessions.TryGetValue(handle, out var session) ? session : null;
}
