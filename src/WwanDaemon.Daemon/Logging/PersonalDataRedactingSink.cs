using Serilog.Core;
using Serilog.Events;

namespace WwanDaemon.Daemon.Logging;

/// <summary>
/// Hands every event to the sinks behind it with personal data redacted (<see cref="PersonalDataRedactor"/>).
/// A sink wrapper rather than an enricher: an enricher can replace properties but not the message
/// template's own text, where an interpolated IMSI would sit.
/// </summary>
public sealed class PersonalDataRedactingSink(ILogEventSink inner) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent) => inner.Emit(PersonalDataRedactor.Redact(logEvent));

    public void Dispose() => (inner as IDisposable)?.Dispose();
}
