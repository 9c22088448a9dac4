using System.Globalization;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace WwanDaemon.Systemd.Journal;

/// <summary>
/// A Serilog event as journal fields: MESSAGE (rendered, strings unquoted, the exception after a
/// line break), PRIORITY, SYSLOG_IDENTIFIER, then one field per property (JournalFieldName), so
/// `journalctl BUS_PATH=1-6` finds a modem's lines. Pure: no journald needed.
/// </summary>
public static class JournalEntryBuilder
{
    /// <summary>Fields the builder sets itself; a property with the same name gets a _PROPERTY suffix.</summary>
    public static readonly IReadOnlySet<string> ReservedFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "EXCEPTION_TYPE",
    };

    private static readonly MessageTemplateTextFormatter MessageFormatter = new("{Message:lj}", CultureInfo.InvariantCulture);

    public static IReadOnlyList<KeyValuePair<string, string>> Fields(LogEvent logEvent, string syslogIdentifier)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("MESSAGE", RenderMessage(logEvent)),
            new("PRIORITY", JournalPriority.From(logEvent.Level).ToString(CultureInfo.InvariantCulture)),
            new("SYSLOG_IDENTIFIER", syslogIdentifier),
        };
        if (logEvent.Exception is { } exception)
        {
            fields.Add(new("EXCEPTION_TYPE", exception.GetType().FullName ?? exception.GetType().Name));
        }
        foreach (var (name, value) in logEvent.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (JournalFieldName.FromPropertyName(name) is not { } field)
            {
                continue;
            }
            fields.Add(new(ReservedFields.Contains(field) ? field + "_PROPERTY" : field, RenderValue(value)));
        }
        return fields;
    }

    public static JournalEntry Build(LogEvent logEvent, string syslogIdentifier) =>
        JournalEntry.FromFields(Fields(logEvent, syslogIdentifier));

    private static string RenderMessage(LogEvent logEvent)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        MessageFormatter.Format(logEvent, text);
        if (logEvent.Exception is { } exception)
        {
            text.Write('\n');
            text.Write(exception.ToString());
        }
        return text.ToString();
    }

    /// <summary>Strings as they are (no quotes); structures and sequences as Serilog renders them.</summary>
    private static string RenderValue(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } => text,
        ScalarValue { Value: null } => "",
        _ => value.ToString(null, CultureInfo.InvariantCulture),
    };
}
