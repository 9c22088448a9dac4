using WwanDaemon.Daemon.Configuration;
using WwanDaemon.Daemon.Logging;

namespace WwanDaemon.Daemon.Tests;

public class LogTargetTests
{
    [Theory]
    [InlineData(LogTarget.Auto, null, false)]
    [InlineData(LogTarget.Auto, "", false)]
    [InlineData(LogTarget.Auto, "8:12345", true)]
    [InlineData(LogTarget.Console, "8:12345", false)]
    [InlineData(LogTarget.Journal, null, true)]
    public void UseJournal_TargetAndJournalStream_Decides(LogTarget target, string? journalStream, bool journal)
    {
        Assert.Equal(journal, DaemonLogging.UseJournal(target, journalStream));
    }
}
