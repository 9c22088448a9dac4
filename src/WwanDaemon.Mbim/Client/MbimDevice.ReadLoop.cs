using System.Buffers;
using System.IO.Pipelines;
using WwanDaemon.Mbim.Framing;
using WwanDaemon.Mbim.Messages;

namespace WwanDaemon.Mbim.Client;

public sealed partial class MbimDevice
{
    /// <summary>
    /// Reads transfers until the port closes: <c>while (TryRead) Accept; AdvanceTo(consumed, examined)</c>.
    /// A byte that cannot start a transfer is skipped (resynchronising); a malformed or out-of-sequence
    /// transfer fails the request it belongs to when its transaction is known; neither ends the loop.
    /// </summary>
    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        var reassembler = new MbimReassembler();
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var read = await reader.ReadAsync(closing.Token).ConfigureAwait(false);
                var buffer = read.Buffer;
                while (TryReadTransfer(ref buffer, out var transfer))
                {
                    Accept(reassembler, transfer);
                }
                reader.AdvanceTo(buffer.Start, buffer.End);
                if (read.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (closing.IsCancellationRequested)
        {
            // closing: DisposeAsync fails what still waits
        }
        catch (IOException)
        {
            // the port went away (unplug, EIO): fail what still waits, below
        }
        finally
        {
            await reader.CompleteAsync().ConfigureAwait(false);
            MarkClosed($"{Options.Name} closed before the modem answered");
            FailAllPending(label => new IOException($"{label}: {Options.Name} closed before the modem answered"));
            indications.Writer.TryComplete();
            qmiTransport?.Complete();
        }
    }

    private bool TryReadTransfer(ref ReadOnlySequence<byte> buffer, out byte[] transfer)
    {
        while (true)
        {
            try
            {
                return MbimTransferReader.TryRead(ref buffer, out transfer);
            }
            catch (MbimProtocolException)
            {
                Interlocked.Increment(ref malformedTransfers);
                buffer = buffer.Slice(1);
            }
        }
    }

    private void Accept(MbimReassembler reassembler, byte[] transfer)
    {
        MbimMessage? message;
        try
        {
            message = reassembler.Accept(transfer);
        }
        catch (MbimProtocolException error)
        {
            Interlocked.Increment(ref malformedTransfers);
            Fail(error.TransactionId, error);
            return;
        }
        if (message is not null)
        {
            Dispatch(message);
        }
    }

    private void Dispatch(MbimMessage message)
    {
        switch (message)
        {
            case MbimOpenDone or MbimCloseDone or MbimCommandDone:
                // An answer nobody waits for (late, duplicated, for another process) is counted and dropped.
                if (!pending.TryGetValue(message.TransactionId, out var waiting))
                {
                    Interlocked.Increment(ref unmatchedMessages);
                    break;
                }
                // A forwarded QMI answer reaches the QMI client from here, in arrival order with the QMI
                // indications below, so an indication never overtakes the response that caused it.
                if (waiting.QmiTransport is { } transport && message is MbimCommandDone { Status: MbimStatus.Success } done
                    && done.Service == QmiServiceId && done.Cid == QmiMessageCid && !waiting.Completion.Task.IsCompleted)
                {
                    transport.Deliver(done.InformationBuffer);
                }
                if (!waiting.Completion.TrySetResult(message))
                {
                    Interlocked.Increment(ref unmatchedMessages);
                }
                break;
            case MbimFunctionError error:
                if (!Fail(error.TransactionId, new MbimProtocolException(
                    $"the modem answered FUNCTION_ERROR {error.Error} (transaction {error.TransactionId}): it could not take the request", error.TransactionId, error.Error)))
                {
                    Interlocked.Increment(ref unmatchedMessages);
                }
                break;
            case MbimIndicateStatus indication:
                Notify(indication);
                break;
            default:
                // OPEN, CLOSE, COMMAND, HOST_ERROR travel from host to modem; from the modem they are noise.
                Interlocked.Increment(ref unmatchedMessages);
                break;
        }
    }

    private void Notify(MbimIndicateStatus indication)
    {
        if (indication.Service == QmiServiceId && qmiTransport is { } transport)
        {
            transport.Deliver(indication.InformationBuffer);
            return;
        }
        try
        {
            indications.Writer.TryWrite(MbimMessageInterpreter.Decode(declarations, indication));
        }
        catch (MbimProtocolException)
        {
            Interlocked.Increment(ref malformedTransfers);
        }
    }

    /// <summary>Fails the request waiting for a transaction, naming it; false when none waits.</summary>
    private bool Fail(uint? transactionId, MbimProtocolException error)
    {
        if (transactionId is not { } transaction || !pending.TryGetValue(transaction, out var failed))
        {
            return false;
        }
        return failed.Completion.TrySetException(new MbimProtocolException($"{failed.Label}: {error.Message}", transaction, error.Error));
    }
}
