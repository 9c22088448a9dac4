using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;
using WwanDaemon.Systemd.Native;

namespace WwanDaemon.Systemd.Journal;

/// <summary>
/// A Serilog sink writing structured entries to the systemd journal with sd_journal_sendv(3).
/// Without libsystemd.so.0 it drops events and reports that once through Serilog's SelfLog; the host
/// checks <see cref="IsAvailable"/> first and keeps logging to stderr instead.
/// </summary>
public sealed class JournaldSink : ILogEventSink
{
    private readonly string syslogIdentifier;
    private int unavailableReported;

    /// <param name="syslogIdentifier">SYSLOG_IDENTIFIER of every entry (journalctl -t NAME).</param>
    public JournaldSink(string syslogIdentifier)
    {
        this.syslogIdentifier = syslogIdentifier;
    }

    /// <summary>True when libsystemd.so.0 can be loaded.</summary>
    public static bool IsAvailable => LibSystemd.IsAvailable;

    public void Emit(LogEvent logEvent)
    {
        if (!LibSystemd.IsAvailable)
        {
            if (Interlocked.Exchange(ref unavailableReported, 1) == 0)
            {
                SelfLog.WriteLine("JournaldSink: {0} cannot be loaded; journal entries are dropped. Log to stderr instead (LogTarget=console).", LibSystemd.LibraryName);
            }
            return;
        }
        var result = Send(JournalEntryBuilder.Build(logEvent, syslogIdentifier));
        if (result < 0)
        {
            SelfLog.WriteLine("JournaldSink: sd_journal_sendv failed with errno {0}; is systemd-journald running?", -result);
        }
    }

    private static unsafe int Send(JournalEntry entry)
    {
        var vectors = new IoVector[entry.Segments.Count];
        fixed (byte* start = entry.Buffer)
        fixed (IoVector* first = vectors)
        {
            for (var i = 0; i < vectors.Length; i++)
            {
                var (offset, length) = entry.Segments[i];
                vectors[i] = new IoVector(start + offset, (nuint)length);
            }
            return LibSystemd.JournalSendVector(first, vectors.Length);
        }
    }
}
