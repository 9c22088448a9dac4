using System.Buffers;
using System.IO.Pipelines;
using WwanDaemon.Qmi.Framing;
using WwanDaemon.Qmi.Messages;

namespace WwanDaemon.Qmi.Client;

public sealed partial class QmiDevice
{
    /// <summary>
    /// Reads frames until the port closes: <c>while (TryRead) Dispatch; AdvanceTo(consumed, examined)</c>.
    /// A byte that cannot start a frame is skipped (resynchronising on the next 0x01); a frame whose
    /// contents are malformed is dropped; neither ends the loop.
    /// </summary>
    private async Task ReadLoopAsync()
    {
        var reader = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        try
        {
            while (!closing.IsCancellationRequested)
            {
                var read = await reader.ReadAsync(closing.Token).ConfigureAwait(false);
                var buffer = read.Buffer;
                while (TryReadFrame(ref buffer, out var frame))
                {
                    Dispatch(frame);
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
            Volatile.Write(ref closedBecause, $"{Options.Name} closed before the modem answered");
            foreach (var request in pending.Values)
            {
                request.Completion.TrySetException(new IOException($"{request.Label}: {Options.Name} closed before the modem answered"));
            }
        }
    }

    private bool TryReadFrame(ref ReadOnlySequence<byte> buffer, out QmuxFrame frame)
    {
        while (true)
        {
            try
            {
                return QmuxFramer.TryRead(ref buffer, out frame);
            }
            catch (QmiProtocolException)
            {
                Interlocked.Increment(ref malformedFrames);
                buffer = buffer.Slice(1);
            }
        }
    }

    private void Dispatch(QmuxFrame frame)
    {
        QmiDecodedMessage decoded;
        try
        {
            decoded = QmiMessageInterpreter.Decode(QmiMessageCodec.Decode(frame), declarations);
        }
        catch (QmiProtocolException error)
        {
            Interlocked.Increment(ref malformedFrames);
            FailTheRequestItAnswers(frame, error);
            return;
        }
        var message = decoded.Message;
        switch (message.Kind)
        {
            case QmiMessageKind.Response:
                // A response nobody waits for (late, duplicated, for another process) is counted and dropped.
                if (!pending.TryGetValue((message.Service, message.ClientId, message.TransactionId), out var waiting)
                    || !waiting.Completion.TrySetResult(decoded))
                {
                    Interlocked.Increment(ref unmatchedResponses);
                }
                break;
            case QmiMessageKind.Indication:
                // 0xff addresses every client of the service.
                if (message.ClientId == 0xff)
                {
                    foreach (var (key, channel) in indicationChannels)
                    {
                        if (key.Service == message.Service)
                        {
                            channel.Writer.TryWrite(decoded);
                        }
                    }
                }
                else
                {
                    ChannelFor(message.Service, message.ClientId).Writer.TryWrite(decoded);
                }
                break;
        }
    }

    /// <summary>
    /// When the SDU header is readable, the malformed answer says whom it answers: that request fails
    /// now, with the reason, instead of timing out.
    /// </summary>
    private void FailTheRequestItAnswers(QmuxFrame frame, QmiProtocolException error)
    {
        try
        {
            var header = QmiMessageCodec.DecodeHeader(frame);
            if (header.Kind == QmiMessageKind.Response && pending.TryGetValue((frame.Service, frame.ClientId, header.TransactionId), out var failed))
            {
                failed.Completion.TrySetException(new QmiProtocolException($"{failed.Label}: the modem's answer is malformed: {error.Message}", error));
            }
        }
        catch (QmiProtocolException)
        {
            // Not even the header is readable: nobody can be told; the request times out.
        }
    }
}
