using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Formatting.Display;
using WwanDaemon.Daemon.Configuration;
using WwanDaemon.Systemd.Journal;

namespace WwanDaemon.Daemon.Logging;

/// <summary>Where log lines go and what they look like.</summary>
public static class DaemonLogging
{
    public const string SyslogIdentifier = "wwan-daemon";

    /// <summary>Timestamp, level, source, message; the journal adds its own timestamp, so this is for stderr only.</summary>
    public const string ConsoleTemplate = "{Timestamp:HH:mm:ss.fff} [{Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// auto picks the journal when systemd connected stderr to it (JOURNAL_STREAM is set, systemd.exec(5)):
    /// structured entries there instead of the same text twice.
    /// </summary>
    public static bool UseJournal(LogTarget target, string? journalStream) => target switch
    {
        LogTarget.Journal => true,
        LogTarget.Console => false,
        _ => !string.IsNullOrEmpty(journalStream),
    };

    /// <summary>
    /// The daemon's logger: stderr or the journal, personal data redacted unless LogPersonalData.
    /// Returns also the warning to log first when the journal was wanted but libsystemd is missing.
    /// </summary>
    /// <param name="options">The daemon's options (level, target, redaction).</param>
    /// <param name="standardError">Where console logging goes.</param>
    /// <param name="useJournal">Log to the journal.</param>
    /// <param name="levels">When given, the level is read from it, so it can be changed while running (D-Bus SetLogging).</param>
    public static (Logger Logger, string? Warning) Create(DaemonOptions options, TextWriter standardError, bool useJournal, LoggingLevelSwitch? levels = null)
    {
        string? warning = null;
        var journal = useJournal && JournaldSink.IsAvailable;
        if (useJournal && !journal)
        {
            warning = "the journal was chosen for logging but libsystemd.so.0 cannot be loaded; logging to stderr instead (install libsystemd0 or set LogTarget=console)";
        }
        var target = new LoggerConfiguration().MinimumLevel.Verbose();
        var sink = journal
            ? target.WriteTo.Sink(new JournaldSink(SyslogIdentifier)).CreateLogger()
            : target.WriteTo.Sink(new TextWriterSink(standardError, new MessageTemplateTextFormatter(ConsoleTemplate, CultureInfo.InvariantCulture))).CreateLogger();
        ILogEventSink outer = options.LogPersonalData ? sink : new PersonalDataRedactingSink(sink);
        var configuration = new LoggerConfiguration();
        if (levels is not null)
        {
            levels.MinimumLevel = options.LogLevel;
            configuration.MinimumLevel.ControlledBy(levels);
        }
        else
        {
            configuration.MinimumLevel.Is(options.LogLevel);
        }
        var logger = configuration
            .Enrich.FromLogContext()
            .WriteTo.Sink(outer)
            .CreateLogger();
        return (logger, warning);
    }
}
