using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;

namespace WwanDaemon.Daemon.Logging;

/// <summary>
/// Formats each event onto a TextWriter (stderr in the daemon, a StringWriter in tests). stdout is
/// kept for --until's JSON line, so logs never go there.
/// </summary>
public sealed class TextWriterSink(TextWriter writer, ITextFormatter formatter) : ILogEventSink
{
    private readonly Lock gate = new();

    public void Emit(LogEvent logEvent)
    {
        lock (gate)
        {
            formatter.Format(logEvent, writer);
            writer.Flush();
        }
    }
}
