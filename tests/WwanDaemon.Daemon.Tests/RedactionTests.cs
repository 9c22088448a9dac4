using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;
using WwanDaemon.Daemon.Configuration;
using WwanDaemon.Daemon.Logging;

namespace WwanDaemon.Daemon.Tests;

/// <summary>Personal data in the daemon's real stderr output, through Microsoft.Extensions.Logging as the services log.</summary>
public class RedactionTests
{
    private const string Imsi = "234150999999999";
    private const string Iccid = "8944501234567890123";
    private const string Imei = "356938035643809";

    private static string Log(bool logPersonalData, Action<Microsoft.Extensions.Logging.ILogger> write)
    {
        using var stderr = new StringWriter();
        var (serilog, warning) = DaemonLogging.Create(new DaemonOptions { LogPersonalData = logPersonalData }, stderr, useJournal: false);
        Assert.Null(warning);
        using (serilog)
        using (var factory = new SerilogLoggerFactory(serilog))
        {
            write(factory.CreateLogger("WwanDaemon.Modem.Test"));
        }
        return stderr.ToString();
    }

    [Fact]
    public void Redaction_NamedProperties_MaskedInTheOutput()
    {
        var output = Log(false, log => log.LogInformation("SIM {Imsi} {ICCID} on modem {BusPath} with IMEI {IMEI}, PIN {Pin}, number {PhoneNumber}",
            Imsi, Iccid, "1-6", Imei, "1234", "+447700900123"));

        Assert.Contains("SIM ***********9999 ***************0123 on modem 1-6 with IMEI ***********3809, PIN [redacted], number *********0123", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Imsi, output, StringComparison.Ordinal);
        Assert.DoesNotContain("1234,", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_DigitRunsInMessageText_Masked()
    {
#pragma warning disable CA2254 // An interpolated template is the mistake this test proves is caught.
        var output = Log(false, log => log.LogWarning($"AT+CIMI answered {Imsi} and +CCID: {Iccid}; signal 12345678901 dBm"));
#pragma warning restore CA2254

        Assert.Contains("AT+CIMI answered ***********9999 and +CCID: ***************0123; signal 12345678901 dBm", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_DigitRunsInOtherProperties_Masked()
    {
        var output = Log(false, log => log.LogInformation("Reply {Reply} from {Number}", "+CIMI: " + Imsi, 356938035643809L));

        Assert.Contains("Reply +CIMI: ***********9999 from ***********3809", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_DestructuredObject_PersonalMembersMasked()
    {
        var output = Log(false, log => log.LogInformation("SIM {@Sim}", new { Imsi, Operator = "23415", Pin = "0000" }));

        // {Message:lj} renders structures as JSON.
        Assert.Contains("SIM {\"Imsi\":\"***********9999\",\"Operator\":\"23415\",\"Pin\":\"[redacted]\"}", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Imsi, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Redaction_LogPersonalDataTrue_EverythingAsIs()
    {
        var output = Log(true, log => log.LogInformation("SIM {Imsi} PIN {Pin}", Imsi, "1234"));

        Assert.Contains($"SIM {Imsi} PIN 1234", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345678", "****5678")]
    [InlineData("1234567", "*******")]
    [InlineData("", "")]
    public void MaskIdentifier_KeepsFourOnlyWhenLongEnough(string value, string masked)
    {
        Assert.Equal(masked, PersonalDataRedactor.MaskIdentifier(value));
    }

    [Theory]
    [InlineData("1234567890123", "1234567890123")]
    [InlineData("12345678901234", "**********1234")]
    [InlineData("123456789012345678901", "123456789012345678901")]
    [InlineData("x89445012345678901230y", "x****************1230y")]
    public void ScrubDigitRuns_Only14To20Digits(string text, string scrubbed)
    {
        Assert.Equal(scrubbed, PersonalDataRedactor.ScrubDigitRuns(text));
    }
}
