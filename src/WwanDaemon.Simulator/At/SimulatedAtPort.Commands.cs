using System.Globalization;
using WwanDaemon.At.Lines;

namespace WwanDaemon.Simulator.At;

public sealed partial class SimulatedAtPort
{
    private async Task HandleLineAsync(string line, AtPortWriter writer, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref linesHeard);
        heardLines.Enqueue(line);
        var requests = AtCommandLineParser.Parse(line);
        var isAtLine = line.TrimStart().StartsWith("AT", StringComparison.OrdinalIgnoreCase);
        if (Options.Silent || !isAtLine || stoppedAnswering || (Options.NeedsDtr && DtrRaised?.Invoke() != true))
        {
            Interlocked.Increment(ref linesIgnored);
            return;
        }
        var fault = Faults.Take(requests is { Count: > 0 } ? requests[0].Name : line.Trim());
        switch (fault?.Kind)
        {
            case AtFaultKind.StopAnswering:
                stoppedAnswering = true;
                Interlocked.Increment(ref linesIgnored);
                return;
            case AtFaultKind.Drop:
                Interlocked.Increment(ref linesIgnored);
                return;
            case AtFaultKind.Reset:
                Modem.Reset();
                lock (sessionGate)
                {
                    Session.Restore();
                }
                // SIMCom and Quectel firmware announce the restart (AtUnsolicitedCodes: "RDY").
                writer.QueueUnsolicited("RDY");
                return;
            case AtFaultKind.Reenumerate:
                Modem.Reenumerate();
                return;
        }
        bool echo;
        lock (sessionGate)
        {
            echo = Session.Echo;
        }
        if (echo)
        {
            await writer.WriteAsync(line + "\r", cancellationToken).ConfigureAwait(false);
        }
        var delay = Options.ResponseDelay + (fault?.Kind == AtFaultKind.Delay ? fault.Delay : TimeSpan.Zero);
        if (fault is { Kind: AtFaultKind.Delay, Until: { } until })
        {
            // Whichever comes first: the test releases the answer, or the delay runs out.
            await Task.WhenAny(until, Task.Delay(delay, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        else if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        if (fault?.Kind == AtFaultKind.GarbageLine)
        {
            await writer.WriteAsync($"\r\n{fault.Line ?? "\u00ff\u00fe#@!garbage"}\r\n", cancellationToken).ConfigureAwait(false);
        }
        var reply = fault?.Kind == AtFaultKind.Error || requests is null ? AtReply.Error : Execute(requests);
        await writer.WriteAsync(Format(reply), cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref commandsAnswered);
        reply.After?.Invoke();
    }

    /// <summary>Runs the commands of one line in turn; the first that fails ends the line with its error (V.250 §5.4).</summary>
    private AtReply Execute(IReadOnlyList<AtRequest> requests)
    {
        var lines = new List<string>();
        Action? after = null;
        lock (sessionGate)
        {
            foreach (var request in requests)
            {
                var reply = ExecuteOne(request);
                lines.AddRange(reply.Lines);
                if (reply.Outcome != AtOutcome.Ok)
                {
                    return reply with { Lines = lines };
                }
                after += reply.After;
            }
        }
        return new AtReply(lines, AtOutcome.Ok) { After = after };
    }

    /// <summary>
    /// One command through the table. A command the firmware does not know is +CME ERROR: 4 (plain
    /// ERROR under +CMEE=0); a handler that throws is a simulator bug: ERROR, counted, never the end of the port.
    /// </summary>
    private AtReply ExecuteOne(AtRequest request)
    {
        if (commands.Find(request) is not { } handler)
        {
            return AtReply.Cme(CmeErrors.OperationNotSupported);
        }
        try
        {
            return handler(new AtContext(Modem, Session, this), request);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            LastHandlerFailure = failure;
            Interlocked.Increment(ref handlerFailures);
            return AtReply.Error;
        }
    }

    /// <summary>Information lines and the final result in verbose form (ATV1): each as &lt;CR&gt;&lt;LF&gt;text&lt;CR&gt;&lt;LF&gt;.</summary>
    private string Format(AtReply reply)
    {
        int errorMode;
        lock (sessionGate)
        {
            errorMode = Session.ErrorMode;
        }
        var final = reply.Outcome switch
        {
            AtOutcome.Ok => "OK",
            AtOutcome.CmeError when errorMode == 1 => string.Create(CultureInfo.InvariantCulture, $"+CME ERROR: {reply.CmeError}"),
            AtOutcome.CmeError when errorMode == 2 => "+CME ERROR: " + (CmeErrors.Describe(reply.CmeError) ?? reply.CmeError.ToString(CultureInfo.InvariantCulture)),
            _ => "ERROR",
        };
        return string.Concat(reply.Lines.Select(line => $"\r\n{line}\r\n")) + $"\r\n{final}\r\n";
    }
}
