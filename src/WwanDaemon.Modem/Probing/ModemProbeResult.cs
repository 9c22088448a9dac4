namespace WwanDaemon.Modem.Probing;

/// <summary>How an AT-capable (or NMEA) port is to be used.</summary>
public enum AtPortRank
{
    /// <summary>The port the modem's AT work goes to.</summary>
    Primary,

    /// <summary>Another AT port: commands during a PPP call, URC listening, a fallback.</summary>
    Secondary,

    /// <summary>The port PPP data calls dial on (ATD*99#); may be the primary.</summary>
    Ppp,

    /// <summary>NMEA sentences (from the plan; not opened by the probe).</summary>
    Gps,
}

/// <summary>One port's place in the ranking, and why.</summary>
/// <param name="Port">The port.</param>
/// <param name="Rank">Its use.</param>
/// <param name="Evidence">Why, for a person.</param>
public sealed record RankedPort(ProbePort Port, AtPortRank Rank, string Evidence);

/// <summary>The port the modem is controlled through, and why.</summary>
/// <param name="Port">The port.</param>
/// <param name="Protocol">QMI, MBIM, or AT for modems that have neither.</param>
/// <param name="Evidence">Why, for a person.</param>
public sealed record ControlChoice(ProbePort Port, PortProtocol Protocol, string Evidence);

/// <summary>What probing a modem's ports found.</summary>
/// <param name="Ports">Per port, in the order given.</param>
/// <param name="Ranking">AT ports ranked (a port may hold two ranks: the primary is also the PPP port when no port is marked ppp).</param>
/// <param name="Control">The control port, or null when nothing answered.</param>
/// <param name="Elapsed">Wall-clock time of the whole probe (all ports in parallel).</param>
public sealed record ModemProbeResult(
    IReadOnlyList<PortProbeResult> Ports,
    IReadOnlyList<RankedPort> Ranking,
    ControlChoice? Control,
    TimeSpan Elapsed)
{
    /// <summary>The primary AT port, if any answered.</summary>
    public ProbePort? PrimaryAt => Ranking.FirstOrDefault(r => r.Rank == AtPortRank.Primary)?.Port;

    /// <summary>The PPP port, if any.</summary>
    public ProbePort? PppPort => Ranking.FirstOrDefault(r => r.Rank == AtPortRank.Ppp)?.Port;

    /// <summary>Secondary AT ports, best first.</summary>
    public IReadOnlyList<ProbePort> SecondaryAt => Ranking.Where(r => r.Rank == AtPortRank.Secondary).Select(r => r.Port).ToArray();

    /// <summary>GPS (NMEA) ports.</summary>
    public IReadOnlyList<ProbePort> GpsPorts => Ranking.Where(r => r.Rank == AtPortRank.Gps).Select(r => r.Port).ToArray();

    /// <summary>The result for the port at <paramref name="path"/>.</summary>
    /// <exception cref="KeyNotFoundException">No port has that path.</exception>
    public PortProbeResult this[string path] =>
        Ports.FirstOrDefault(p => p.Port.Path == path) ?? throw new KeyNotFoundException($"no probed port has the path {path}; ports: {string.Join(", ", Ports.Select(p => p.Port.Path))}");
}
