using System.Buffers;
using System.Text;

namespace WwanDaemon.At.Lines;

/// <summary>
/// Cuts AT lines out of a byte stream, resumably: <see cref="TryRead"/> consumes a line only once
/// its terminator has arrived, so a pty delivering "+CS", "Q: 2", "0,99\r\n" in three reads gives one line.
/// <code>
///   V.250 §5.7.1 (verbose, ATV1):  &lt;CR&gt;&lt;LF&gt;+CSQ: 20,99&lt;CR&gt;&lt;LF&gt;&lt;CR&gt;&lt;LF&gt;OK&lt;CR&gt;&lt;LF&gt;
///   echo (ATE1) comes first:         AT+CSQ&lt;CR&gt;
///   SMS prompt (TS 27.005 §3.5.1):   &lt;CR&gt;&lt;LF&gt;&gt;&lt;SP&gt;      (no terminator: the modem waits for the PDU)
/// </code>
/// CR and LF each end a line and empty lines are skipped, so CRLF, a bare CR (echo) and a bare LF
/// (some Telit and u-blox firmware) all work, and a CR/LF pair split across reads makes no empty line.
/// </summary>
public static class AtLineReader
{
    /// <summary>The longest line accepted. The longest real replies (+COPS=? lists, !USBCOMP) are well under 2 KiB.</summary>
    public const int MaxLineLength = 4096;

    private const byte CarriageReturn = (byte)'\r';
    private const byte LineFeed = (byte)'\n';

    /// <summary>Reads one line or prompt from the start of <paramref name="buffer"/>, advancing it past what was used.</summary>
    /// <returns>False when more bytes are needed; leading CR/LF are consumed even then.</returns>
    /// <exception cref="AtProtocolException">More than <see cref="MaxLineLength"/> bytes without a terminator: not an AT port, or noise. The buffer is not advanced; the caller drops it.</exception>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out AtLineEvent line)
    {
        line = null!;
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryPeek(out var first) && first is CarriageReturn or LineFeed)
        {
            reader.Advance(1);
        }
        buffer = buffer.Slice(reader.Position);
        if (reader.End)
        {
            return false;
        }
        if (IsPrompt(buffer))
        {
            buffer = buffer.Slice(2);
            line = AtLineEvent.Prompt;
            return true;
        }
        if (!reader.TryAdvanceToAny([CarriageReturn, LineFeed], advancePastDelimiter: false))
        {
            if (buffer.Length > MaxLineLength)
            {
                throw new AtProtocolException($"{buffer.Length} bytes arrived without a CR or LF; an AT line is at most {MaxLineLength} bytes, so this port is sending noise or is not an AT port");
            }
            return false;
        }
        var text = buffer.Slice(0, reader.Position);
        if (text.Length > MaxLineLength)
        {
            throw new AtProtocolException($"a {text.Length}-byte line is longer than the {MaxLineLength} bytes an AT line may have");
        }
        line = new AtLineEvent(AtLineEventKind.Line, Decode(text));
        buffer = buffer.Slice(reader.Position).Slice(1);
        return true;
    }

    /// <summary>"> " at the start of a line, with nothing after it yet: the modem stopped to wait for input.</summary>
    private static bool IsPrompt(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < 2)
        {
            return false;
        }
        Span<byte> start = stackalloc byte[3];
        var length = (int)Math.Min(3, buffer.Length);
        buffer.Slice(0, length).CopyTo(start);
        return start[0] == (byte)'>' && start[1] == (byte)' ' && (length == 2 || start[2] is CarriageReturn or LineFeed);
    }

    /// <summary>
    /// UTF-8 with replacement: replies are IRA (7-bit ASCII) unless +CSCS chose otherwise, and a stray
    /// byte must become U+FFFD in a line, never an exception.
    /// </summary>
    private static string Decode(ReadOnlySequence<byte> bytes) => Encoding.UTF8.GetString(bytes).Trim();
}
