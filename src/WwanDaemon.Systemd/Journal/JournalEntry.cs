using System.Text;

namespace WwanDaemon.Systemd.Journal;

/// <summary>
/// One journal entry laid out for sd_journal_sendv(3): every "FIELD=value" field in one UTF-8
/// buffer, and where each field starts and how long it is (one iovec per field). Values may hold
/// newlines; sd_journal_sendv sends those in the binary-safe form.
///
///   Buffer:   MESSAGE=modem 1-6 connected│PRIORITY=6│SYSLOG_IDENTIFIER=wwan-daemon│BUS_PATH=1-6
///   Segments: (0,25)                     (25,10)    (35,29)                       (64,11)
/// </summary>
public sealed class JournalEntry
{
    private JournalEntry(byte[] buffer, IReadOnlyList<(int Offset, int Length)> segments)
    {
        Buffer = buffer;
        Segments = segments;
    }

    public byte[] Buffer { get; }

    public IReadOnlyList<(int Offset, int Length)> Segments { get; }

    /// <summary>Lays out fields whose names are already valid journal field names.</summary>
    public static JournalEntry FromFields(IReadOnlyList<KeyValuePair<string, string>> fields)
    {
        var encoded = fields.Select(f => Encoding.UTF8.GetBytes(f.Key + "=" + f.Value)).ToArray();
        var buffer = new byte[encoded.Sum(e => e.Length)];
        var segments = new (int, int)[encoded.Length];
        var offset = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            encoded[i].CopyTo(buffer, offset);
            segments[i] = (offset, encoded[i].Length);
            offset += encoded[i].Length;
        }
        return new JournalEntry(buffer, segments);
    }

    /// <summary>The fields as text, in order (what journalctl -o verbose would list).</summary>
    public IEnumerable<string> FieldTexts() =>
        Segments.Select(s => Encoding.UTF8.GetString(Buffer, s.Offset, s.Length));
}
