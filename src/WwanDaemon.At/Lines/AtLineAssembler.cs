using System.Buffers;

namespace WwanDaemon.At.Lines;

/// <summary>
/// The line reader with its own buffer, for callers that get bytes in chunks and want lines out:
/// <c>foreach (var line in assembler.Feed(chunk))</c>. Pure: no I/O, no clock.
/// </summary>
public sealed class AtLineAssembler
{
    private byte[] pending = [];

    /// <summary>Bytes received but not yet part of a complete line.</summary>
    public int PendingBytes => pending.Length;

    /// <summary>Lines dropped because they exceeded <see cref="AtLineReader.MaxLineLength"/>.</summary>
    public int OverlongLinesDropped { get; private set; }

    /// <summary>Adds <paramref name="bytes"/> and returns every line or prompt now complete, in order.</summary>
    public IReadOnlyList<AtLineEvent> Feed(ReadOnlySpan<byte> bytes)
    {
        var joined = new byte[pending.Length + bytes.Length];
        pending.CopyTo(joined, 0);
        bytes.CopyTo(joined.AsSpan(pending.Length));
        var buffer = new ReadOnlySequence<byte>(joined);
        var lines = new List<AtLineEvent>();
        while (true)
        {
            try
            {
                if (!AtLineReader.TryRead(ref buffer, out var line))
                {
                    break;
                }
                lines.Add(line);
            }
            catch (AtProtocolException)
            {
                OverlongLinesDropped++;
                buffer = DropOverlong(buffer);
            }
        }
        pending = buffer.ToArray();
        return lines;
    }

    /// <summary>Skips an over-long line up to and including its terminator, or all of it when none has come.</summary>
    internal static ReadOnlySequence<byte> DropOverlong(ReadOnlySequence<byte> buffer)
    {
        var reader = new SequenceReader<byte>(buffer);
        return reader.TryAdvanceToAny("\r\n"u8, advancePastDelimiter: true) ? buffer.Slice(reader.Position) : buffer.Slice(buffer.End);
    }
}
