using System.Globalization;
using System.Text.RegularExpressions;
using Serilog.Events;
using Serilog.Parsing;

namespace WwanDaemon.Daemon.Logging;

/// <summary>
/// Removes personal data from a log event before any sink sees it (STYLE.md rule 8).
///
/// Identifiers (properties named Imsi, Iccid, Imei, PhoneNumber, Msisdn, any case, also inside
/// destructured objects and dictionaries) keep their last 4 characters so two SIMs can still be told
/// apart in a log: "234150999999999" → "***********9999". Secrets (Pin, Puk, Password) keep nothing:
/// "[redacted]". Runs of 14 to 20 digits anywhere else (an IMEI is 15, an IMSI up to 15, an ICCID 19
/// or 20, an E.164 number up to 15) are masked the same way as identifiers, in the message
/// template's text and in string and integer property values, so an interpolated
/// $"SIM {iccid}" is caught too. Exception messages are left as they are.
/// </summary>
public static partial class PersonalDataRedactor
{
    public const string SecretReplacement = "[redacted]";

    /// <summary>Characters kept at the end of an identifier; shorter values are masked whole.</summary>
    public const int KeptSuffixLength = 4;

    private static readonly HashSet<string> Identifiers = new(StringComparer.OrdinalIgnoreCase) { "Imsi", "Iccid", "Imei", "PhoneNumber", "Msisdn" };

    private static readonly HashSet<string> Secrets = new(StringComparer.OrdinalIgnoreCase) { "Pin", "Puk", "Password" };

    public static LogEvent Redact(LogEvent logEvent)
    {
        var template = new MessageTemplate(logEvent.MessageTemplate.Tokens.Select(token =>
            token is TextToken text ? new TextToken(ScrubDigitRuns(text.Text)) : token));
        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, RedactNamed(p.Key, p.Value)));
        return new LogEvent(logEvent.Timestamp, logEvent.Level, logEvent.Exception, template, properties);
    }

    /// <summary>"***********9999" for identifiers of 8 characters or more, all stars below that.</summary>
    public static string MaskIdentifier(string value) => value.Length >= 2 * KeptSuffixLength
        ? new string('*', value.Length - KeptSuffixLength) + value[^KeptSuffixLength..]
        : new string('*', value.Length);

    /// <summary>Masks every run of 14 to 20 digits (not part of a longer run).</summary>
    public static string ScrubDigitRuns(string text) => LongDigitRun().Replace(text, m => MaskIdentifier(m.Value));

    private static LogEventPropertyValue RedactNamed(string name, LogEventPropertyValue value)
    {
        if (Secrets.Contains(name))
        {
            return new ScalarValue(SecretReplacement);
        }
        if (Identifiers.Contains(name))
        {
            return value is ScalarValue { Value: null } ? value : new ScalarValue(MaskIdentifier(Text(value)));
        }
        return RedactValue(value);
    }

    private static LogEventPropertyValue RedactValue(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } => new ScalarValue(ScrubDigitRuns(text)),
        ScalarValue { Value: long or ulong or decimal or System.Numerics.BigInteger } scalar when LongDigitRun().IsMatch(Text(scalar)) =>
            new ScalarValue(ScrubDigitRuns(Text(scalar))),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, RedactNamed(p.Name, p.Value))), structure.TypeTag),
        SequenceValue sequence => new SequenceValue(sequence.Elements.Select(RedactValue)),
        DictionaryValue dictionary => new DictionaryValue(dictionary.Elements.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(
            e.Key, e.Key.Value is string key ? RedactNamed(key, e.Value) : RedactValue(e.Value)))),
        _ => value,
    };

    private static string Text(LogEventPropertyValue value) => value is ScalarValue { Value: var raw }
        ? Convert.ToString(raw, CultureInfo.InvariantCulture) ?? ""
        : value.ToString(null, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(?<![0-9])[0-9]{14,20}(?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex LongDigitRun();
}
