using System.Diagnostics;
using Microsoft.Extensions.Logging;
using WwanDaemon.At.Client;
using WwanDaemon.Mbim;
using WwanDaemon.Mbim.Client;
using WwanDaemon.Qmi;
using WwanDaemon.Qmi.Client;

namespace WwanDaemon.Modem.Probing;

/// <summary>
/// One port's probe: <see cref="PortProbeStep"/> walked by <see cref="WalkAsync"/>, each step a
/// method that does its I/O and names the next step. Tries and timeouts come from <see cref="ProbeBudget"/>.
/// Step methods for AT are in PortProbe.At.cs, for QMI and MBIM in PortProbe.Control.cs.
/// </summary>
public sealed partial class PortProbe
{
    private readonly ProbePort port;
    private readonly ProbeBudget budget;
    private readonly IProbePortOpener opener;
    private readonly ILogger logger;
    private readonly List<ProbeEvidence> evidence = [];
    private readonly Queue<PortProtocol> protocols = new();
    private readonly List<string> unanswered = [];
    private PortProbeStep current = PortProbeStep.Plan;
    private IProbeConnection? connection;
    private PortProtocol verdict = PortProtocol.Silent;
    private string reason = "";
    private int tries;
    private long started;

    private PortProbe(ProbePort port, ProbeBudget budget, IProbePortOpener opener, ILogger logger)
    {
        this.port = port;
        this.budget = budget;
        this.opener = opener;
        this.logger = logger;
    }

    /// <summary>Probes one port.</summary>
    /// <param name="port">The port.</param>
    /// <param name="budget">Tries and timeouts.</param>
    /// <param name="opener">Opens the node.</param>
    /// <param name="logger">Gets each step, named with the port.</param>
    /// <param name="budgetToken">Fires when the modem's whole budget is spent: the port is then reported silent, with the step it was in.</param>
    /// <param name="cancellationToken">The caller's: cancelling it ends the probe with <see cref="OperationCanceledException"/>.</param>
    public static Task<PortProbeResult> RunAsync(ProbePort port, ProbeBudget budget, IProbePortOpener opener, ILogger logger,
        CancellationToken budgetToken, CancellationToken cancellationToken) =>
        new PortProbe(port, budget, opener, logger).WalkAsync(budgetToken, cancellationToken);

    /// <summary>The walk: one switch from <see cref="PortProbeStep.Plan"/> to <see cref="PortProbeStep.Done"/>.</summary>
    private async Task<PortProbeResult> WalkAsync(CancellationToken budgetToken, CancellationToken cancellationToken)
    {
        started = Stopwatch.GetTimestamp();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(budgetToken, cancellationToken);
        var token = limit.Token;
        try
        {
            for (var step = PortProbeStep.Plan; step != PortProbeStep.Done;)
            {
                current = step;
                logger.LogDebug("{Port}: probe step {Step}", port.Name, step);
                step = step switch
                {
                    PortProbeStep.Plan => Plan(),
                    PortProbeStep.Open => await OpenAsync(token).ConfigureAwait(false),
                    PortProbeStep.RaiseDtr => RaiseDtr(),
                    PortProbeStep.AtAttention => await AtAttentionAsync(token).ConfigureAwait(false),
                    PortProbeStep.AtEchoOff => await AtEchoOffAsync(token).ConfigureAwait(false),
                    PortProbeStep.AtCapabilities => await AtCapabilitiesAsync(token).ConfigureAwait(false),
                    PortProbeStep.QmiVersion => await QmiVersionAsync(token).ConfigureAwait(false),
                    PortProbeStep.MbimOpen => await MbimOpenAsync(token).ConfigureAwait(false),
                    PortProbeStep.MbimClose => await MbimCloseAsync(token).ConfigureAwait(false),
                    _ => throw new InvalidOperationException($"{port.Name}: no handler for probe step {step}"),
                };
            }
        }
        catch (OperationCanceledException) when (budgetToken.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // An answer already in (AT before its ranking commands) stands; otherwise the port said nothing in time.
            Note($"the probing budget of {budget.Total.TotalMilliseconds:0} ms ran out here");
            if (verdict is not (PortProtocol.At or PortProtocol.Qmi or PortProtocol.Mbim))
            {
                Conclude(PortProtocol.Silent, $"no answer before the probing budget of {budget.Total.TotalMilliseconds:0} ms ran out (in step {current})");
            }
        }
        catch (Exception failure) when (failure is IOException or QmiProtocolException or MbimProtocolException)
        {
            Note($"{failure.GetType().Name}: {failure.Message}");
            Conclude(PortProtocol.Failed, $"{current} failed: {failure.Message}");
        }
        finally
        {
            await CloseAsync().ConfigureAwait(false);
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        logger.LogInformation("{Port}: {Protocol} ({Reason}) in {Milliseconds:0} ms", port.Name, verdict, reason, elapsed.TotalMilliseconds);
        return new PortProbeResult(port, verdict, reason, evidence.ToArray(), AtDetails(), elapsed);
    }

    private PortProbeStep Plan()
    {
        var route = ProbeRoute.For(port);
        Note(route.Reason);
        if (port.Quirks.HasFlag(PortQuirks.NeedsDtr) && port.Kind == PortKind.CdcWdm)
        {
            // Linux 6.1 qmi_wwan.c: QMI_QUIRK_SET_DTR makes the driver raise DTR on the control interface at bind.
            Note("needs-dtr on a cdc-wdm node is the kernel's job (qmi_wwan's QMI_QUIRK_SET_DTR raises it at bind); nothing to raise here");
        }
        if (route.Skips)
        {
            Conclude(PortProtocol.Skipped, route.Reason);
            return PortProbeStep.Done;
        }
        foreach (var protocol in route.Protocols)
        {
            protocols.Enqueue(protocol);
        }
        return PortProbeStep.Open;
    }

    private async Task<PortProbeStep> OpenAsync(CancellationToken token)
    {
        connection = await opener.OpenAsync(port, token).ConfigureAwait(false);
        Note($"opened: {connection.Description}");
        return StartNextProtocol();
    }

    /// <summary>Moves to the first step of the next protocol on the route, or concludes the port is silent.</summary>
    private PortProbeStep StartNextProtocol()
    {
        if (!protocols.TryDequeue(out var protocol))
        {
            Conclude(PortProtocol.Silent, "no answer to " + string.Join(" nor to ", unanswered));
            return PortProbeStep.Done;
        }
        tries = 0;
        return protocol switch
        {
            PortProtocol.At => port.Quirks.HasFlag(PortQuirks.NeedsDtr) ? PortProbeStep.RaiseDtr : PortProbeStep.AtAttention,
            PortProtocol.Qmi => PortProbeStep.QmiVersion,
            PortProtocol.Mbim => PortProbeStep.MbimOpen,
            _ => throw new InvalidOperationException($"{port.Name}: {protocol} is not a protocol to probe"),
        };
    }

    private void Note(string text) => evidence.Add(new ProbeEvidence(current, text, Stopwatch.GetElapsedTime(started)));

    private void Conclude(PortProtocol protocol, string why)
    {
        verdict = protocol;
        reason = why;
    }

    private async ValueTask CloseAsync()
    {
        if (atChannel is not null)
        {
            await atChannel.DisposeAsync().ConfigureAwait(false);
        }
        if (qmiDevice is not null)
        {
            await qmiDevice.DisposeAsync().ConfigureAwait(false);
        }
        if (mbimDevice is not null)
        {
            await mbimDevice.DisposeAsync().ConfigureAwait(false);
        }
        if (connection is not null)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
