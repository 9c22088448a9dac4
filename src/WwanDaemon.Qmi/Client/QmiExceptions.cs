using WwanDaemon.Qmi.Messages;

namespace WwanDaemon.Qmi.Client;

/// <summary>The modem answered a request with a QMI error result.</summary>
public sealed class QmiErrorException : Exception
{
    public QmiErrorException(string request, QmiResult result)
        : base($"{request} failed: QMI error {result.ErrorName} ({result.Error})")
    {
        Request = request;
        Error = result.Error;
        ErrorName = result.ErrorName;
    }

    public QmiErrorException()
    {
        Request = ErrorName = "";
    }

    public QmiErrorException(string message)
        : base(message)
    {
        Request = ErrorName = "";
    }

    public QmiErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Request = ErrorName = "";
    }

    public string Request { get; }

    /// <summary>The QMI error code (libqmi's QmiProtocolError numbers).</summary>
    public int Error { get; }

    /// <summary>"IncorrectPin", "NoEffect", ...</summary>
    public string ErrorName { get; }
}

/// <summary>No response came within the request's timeout: the modem may be hung or the port wrong.</summary>
public sealed class QmiTimeoutException : TimeoutException
{
    public QmiTimeoutException(string request, TimeSpan timeout)
        : base($"{request}: no response within {timeout.TotalSeconds:0.###} s; the modem may be busy or hung, or the port does not speak QMI")
    {
    }

    public QmiTimeoutException()
    {
    }

    public QmiTimeoutException(string message)
        : base(message)
    {
    }

    public QmiTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
