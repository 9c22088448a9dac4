namespace WwanDaemon.Qmi;

/// <summary>The one exception for malformed QMI input (framing, headers, TLVs, field values).</summary>
public sealed class QmiProtocolException : Exception
{
    public QmiProtocolException()
    {
    }

    public QmiProtocolException(string message)
        : base(message)
    {
    }

    public QmiProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
