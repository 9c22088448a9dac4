namespace WwanDaemon.At;

/// <summary>
/// The one exception for malformed AT input: a line too long to be a line, or a reply a parser
/// cannot read. The message quotes what was received and says what was expected.
/// </summary>
public sealed class AtProtocolException : Exception
{
    public AtProtocolException()
    {
    }

    public AtProtocolException(string message)
        : base(message)
    {
    }

    public AtProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
