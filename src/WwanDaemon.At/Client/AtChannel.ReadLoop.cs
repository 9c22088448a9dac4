using System.Buffers;
using System.IO.Pipelines;
using WwanDaemon.At.Lines;

namespace WwanDaemon.At.Client;

public sealed partial class AtChannel
{
    /// <summary>
    /// <c>while (TryRead) Dispatch; AdvanceTo(consumed, examined)</c> until the stream ends. Nothing
    /// escapes: the end of stream, an IOException or any other failure closes the port with its
    /// reason and fails the waiting command with <see cref="AtPortGoneException"/>.
    /// </summary>
    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var reason = "the stream ended";
        Exception? error = null;
        try
        {
            while (true)
            {
                var read = await reader.ReadAsync(closing.Token).ConfigureAwait(false);
                var buffer = read.Buffer;
                while (TryReadLine(ref buffer, out var line))
                {
                    Dispatch(line);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted || read.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            reason = "the AT channel was closed";
        }
        catch (IOException ioError)
        {
            (reason, error) = ($"reading failed: {ioError.Message}", ioError);
        }
        catch (Exception unexpected)
        {
            // Reported to every waiter and kept in ClosedBecause: the port is unusable either way.
            (reason, error) = ($"the read loop failed: {unexpected.GetType().Name}: {unexpected.Message}", unexpected);
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            Close(reason, error);
        }
    }

    private void Close(string reason, Exception? error)
    {
        lock (gate)
        {
            closedBecause = reason;
            closedBy = error;
            if (pending is { } waiting)
            {
                // Disposing is not an unplug: the caller closed the channel, and must not be told to wait for the modem to come back.
                waiting.Completion.TrySetException(closing.IsCancellationRequested
                    ? new ObjectDisposedException(Options.Name, $"{Options.Name}: {waiting.Command.Text}: the AT channel was closed before the modem answered")
                    : new AtPortGoneException(Options.Name, waiting.Command.Text, reason, error));
                pending = null;
            }
            foreach (var subscriber in subscribers)
            {
                subscriber.Writer.TryComplete();
            }
            subscribers.Clear();
        }
    }

    private bool TryReadLine(ref ReadOnlySequence<byte> buffer, out AtLineEvent line)
    {
        while (true)
        {
            try
            {
                return AtLineReader.TryRead(ref buffer, out line);
            }
            catch (AtProtocolException)
            {
                Interlocked.Increment(ref overlongLines);
                buffer = AtLineAssembler.DropOverlong(buffer);
            }
        }
    }

    private void Dispatch(AtLineEvent line)
    {
        lock (gate)
        {
            var waiting = pending;
            if (line.Kind == AtLineEventKind.SmsPrompt)
            {
                if (waiting is null)
                {
                    strayLines++;
                    return;
                }
                Complete(waiting, new AtFinalResult(AtFinalResultKind.SmsPrompt));
                return;
            }
            var role = AtLineClassifier.Classify(line.Text, waiting?.Command.Text, waiting?.EchoPossible ?? false, out var final);
            if (role is AtLineRole.Response or AtLineRole.Final && waiting!.EchoPossible && outOfStep && modemEchoes)
            {
                strayLines++; // the rest of a timed-out command's answer, before this command's echo
                return;
            }
            switch (role)
            {
                case AtLineRole.Echo:
                    waiting!.EchoPossible = false;
                    waiting.EchoSeen = true;
                    break;
                case AtLineRole.Response:
                    waiting!.EchoPossible = false;
                    waiting.Lines.Add(line.Text);
                    break;
                case AtLineRole.Final:
                    Complete(waiting!, final!);
                    break;
                case AtLineRole.Unsolicited when waiting is null && AtFinalResult.TryParse(line.Text, out _):
                    strayLines++; // a late answer to a command that timed out
                    break;
                case AtLineRole.Unsolicited:
                    var unsolicited = new AtUnsolicited(line.Text, AtUnsolicitedCodes.Match(line.Text));
                    foreach (var subscriber in subscribers)
                    {
                        subscriber.Writer.TryWrite(unsolicited);
                    }
                    break;
            }
        }
    }

    private void Complete(PendingCommand waiting, AtFinalResult final)
    {
        // An answer with its echo puts the channel back in step; one without tells that echo is off.
        modemEchoes = waiting.EchoSeen && !TurnsEchoOff(waiting.Command.Text, final);
        outOfStep = outOfStep && !waiting.EchoSeen;
        waiting.Completion.TrySetResult(new AtResponse(waiting.Command, waiting.Lines.ToArray(), final));
        pending = null;
    }

    private static bool TurnsEchoOff(string command, AtFinalResult final) =>
        final.Kind == AtFinalResultKind.Ok
        && (command.Equals("ATE0", StringComparison.OrdinalIgnoreCase) || command.Equals("ATE", StringComparison.OrdinalIgnoreCase));
}
