using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WwanDaemon.Modem.Probing;

/// <summary>
/// Finds what each port of a modem speaks, all ports in parallel, within <see cref="ProbeBudget.Total"/>,
/// then ranks the AT ports and picks the control port. Each port's probe is a <see cref="PortProbe"/>
/// walking <see cref="PortProbeStep"/>; which protocols a port may hear is <see cref="ProbeRoute"/>'s
/// decision (a bound driver that implies a protocol allows only that one; DIAG, NMEA, ADB and reserved
/// ports are never opened).
/// </summary>
public sealed class PortProber
{
    private readonly IProbePortOpener opener;
    private readonly ILogger logger;

    /// <param name="opener">Opens the ports (<see cref="CharacterDevicePortOpener"/>, or one with serial line control).</param>
    /// <param name="budget">Tries and timeouts; the defaults when null.</param>
    /// <param name="logger">Gets every step of every port, named with the port.</param>
    public PortProber(IProbePortOpener opener, ProbeBudget? budget = null, ILogger? logger = null)
    {
        this.opener = opener;
        Budget = (budget ?? new ProbeBudget()).Validate();
        this.logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The tries and timeouts in use.</summary>
    public ProbeBudget Budget { get; }

    /// <summary>Probes <paramref name="ports"/> in parallel.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; every port is closed before this is thrown.</exception>
    public async Task<ModemProbeResult> ProbeAsync(IReadOnlyList<ProbePort> ports, CancellationToken cancellationToken = default)
    {
        var duplicate = ports.GroupBy(p => p.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"the port {duplicate.Key} is listed {duplicate.Count()} times; each node may be probed once", nameof(ports));
        }
        var started = Stopwatch.GetTimestamp();
        using var budget = new CancellationTokenSource(Budget.Total);
        // Task.Run: opening a node is a blocking open(2); one slow node must not hold the others back.
        var probes = ports.Select(port => Task.Run(
            () => PortProbe.RunAsync(port, Budget, opener, logger, budget.Token, cancellationToken), CancellationToken.None)).ToArray();
        var results = await Task.WhenAll(probes).ConfigureAwait(false);
        var ranking = AtPortRanking.Rank(results);
        var control = AtPortRanking.ChooseControl(results, ranking);
        var elapsed = Stopwatch.GetElapsedTime(started);
        logger.LogInformation("probed {Count} ports in {Milliseconds:0} ms: control {Control}, primary AT {Primary}",
            results.Length, elapsed.TotalMilliseconds, control?.Port.Path ?? "none", ranking.FirstOrDefault(r => r.Rank == AtPortRank.Primary)?.Port.Path ?? "none");
        return new ModemProbeResult(results, ranking, control, elapsed);
    }
}
