using Serilog.Events;

namespace WwanDaemon.Systemd.Journal;

/// <summary>Serilog levels as syslog priorities (syslog(3): 2 crit, 3 err, 4 warning, 6 info, 7 debug).</summary>
public static class JournalPriority
{
    public static int From(LogEventLevel level) => level switch
    {
        LogEventLevel.Fatal => 2,
        LogEventLevel.Error => 3,
        LogEventLevel.Warning => 4,
        LogEventLevel.Information => 6,
        _ => 7,
    };
}
