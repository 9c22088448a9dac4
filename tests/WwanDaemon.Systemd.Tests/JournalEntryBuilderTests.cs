using Serilog.Events;
using Serilog.Parsing;
using WwanDaemon.Systemd.Journal;

namespace WwanDaemon.Systemd.Tests;

public class JournalEntryBuilderTests
{
    private static LogEvent Event(LogEventLevel level, string template, Exception? exception = null, params (string Name, object? Value)[] properties) =>
        new(DateTimeOffset.UnixEpoch, level, exception, new MessageTemplateParser().Parse(template),
            properties.Select(p => new LogEventProperty(p.Name, new ScalarValue(p.Value))));

    [Fact]
    public void Fields_InformationWithProperties_MessageUnquotedAndOneFieldPerProperty()
    {
        var logEvent = Event(LogEventLevel.Information, "Modem {BusPath} connected on {Interface}", null,
            ("BusPath", "1-6"), ("Interface", "wwan0"), ("SourceContext", "WwanDaemon.Daemon.StatusService"));

        var entry = JournalEntryBuilder.Build(logEvent, "wwan-daemon");

        Assert.Equal(
            [
                "MESSAGE=Modem 1-6 connected on wwan0",
                "PRIORITY=6",
                "SYSLOG_IDENTIFIER=wwan-daemon",
                "BUS_PATH=1-6",
                "INTERFACE=wwan0",
                "SOURCE_CONTEXT=WwanDaemon.Daemon.StatusService",
            ],
            entry.FieldTexts());
    }

    [Theory]
    [InlineData(LogEventLevel.Verbose, "7")]
    [InlineData(LogEventLevel.Debug, "7")]
    [InlineData(LogEventLevel.Information, "6")]
    [InlineData(LogEventLevel.Warning, "4")]
    [InlineData(LogEventLevel.Error, "3")]
    [InlineData(LogEventLevel.Fatal, "2")]
    public void Fields_Level_SyslogPriority(LogEventLevel level, string priority)
    {
        var fields = JournalEntryBuilder.Fields(Event(level, "x"), "wwan-daemon");

        Assert.Contains(new KeyValuePair<string, string>("PRIORITY", priority), fields);
    }

    [Fact]
    public void Fields_Exception_AfterTheMessageAndItsType()
    {
        var failure = new IOException("cdc-wdm0 went away");

        var fields = JournalEntryBuilder.Fields(Event(LogEventLevel.Error, "Probe failed", failure), "wwan-daemon");

        Assert.StartsWith("Probe failed\nSystem.IO.IOException: cdc-wdm0 went away", fields[0].Value, StringComparison.Ordinal);
        Assert.Contains(new KeyValuePair<string, string>("EXCEPTION_TYPE", "System.IO.IOException"), fields);
    }

    [Fact]
    public void Fields_PropertyNamedLikeAReservedField_GetsASuffix()
    {
        var fields = JournalEntryBuilder.Fields(Event(LogEventLevel.Information, "x", null, ("Message", "hello"), ("_", "dropped")), "wwan-daemon");

        Assert.Equal(["MESSAGE", "PRIORITY", "SYSLOG_IDENTIFIER", "MESSAGE_PROPERTY"], fields.Select(f => f.Key));
    }

    [Fact]
    public void Entry_Segments_CoverTheBufferOneFieldEach()
    {
        var entry = JournalEntry.FromFields([new("MESSAGE", "näh\nzwei"), new("PRIORITY", "6")]);

        // "MESSAGE=" 8 bytes, "näh" 4 (ä is two in UTF-8), "\n" 1, "zwei" 4.
        Assert.Equal([(0, 17), (17, 10)], entry.Segments);
        Assert.Equal(27, entry.Buffer.Length);
        Assert.Equal(["MESSAGE=näh\nzwei", "PRIORITY=6"], entry.FieldTexts());
    }
}
