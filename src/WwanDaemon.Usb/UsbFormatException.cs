namespace WwanDaemon.Usb;

/// <summary>
/// The one exception for malformed input to the USB readers: names the source and, for text,
/// the line, and says what was expected.
/// </summary>
public sealed class UsbFormatException : Exception
{
    public UsbFormatException(string source, int? line, string message)
        : base(line is null ? $"{source}: {message}" : $"{source}, line {line}: {message}")
    {
        SourceName = source;
        Line = line;
    }

    public UsbFormatException()
    {
    }

    public UsbFormatException(string message)
        : base(message)
    {
    }

    public UsbFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The input: a file, "standard input", a sysfs path.</summary>
    public string? SourceName { get; }

    /// <summary>The 1-based line of the offending text, or null for binary input.</summary>
    public int? Line { get; }
}
