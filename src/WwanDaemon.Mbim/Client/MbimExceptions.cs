using WwanDaemon.Mbim.Messages;

namespace WwanDaemon.Mbim.Client;

/// <summary>The modem answered a request with an MBIM status other than Success.</summary>
public sealed class MbimStatusException : Exception
{
    public MbimStatusException(string request, uint status, MbimDecodedMessage? response, Exception? innerException = null)
        : base($"{request} failed: MBIM status {MbimStatus.Name(status)} ({status})", innerException)
    {
        Request = request;
        Status = status;
        StatusName = MbimStatus.Name(status);
        Response = response;
    }

    public MbimStatusException()
    {
        Request = StatusName = "";
    }

    public MbimStatusException(string message)
        : base(message)
    {
        Request = StatusName = "";
    }

    public MbimStatusException(string message, Exception innerException)
        : base(message, innerException)
    {
        Request = StatusName = "";
    }

    /// <summary>Names the port and the command ("/dev/cdc-wdm0: basic-connect Pin set").</summary>
    public string Request { get; }

    /// <summary>The MBIM status code (<see cref="MbimStatus"/>).</summary>
    public uint Status { get; }

    /// <summary>"PinRequired", "RadioPowerOff", ...</summary>
    public string StatusName { get; }

    /// <summary>The decoded answer: failures may still carry fields (a PIN failure carries the remaining attempts).</summary>
    public MbimDecodedMessage? Response { get; }
}

/// <summary>No answer came within the request's timeout: the modem may be hung or the port wrong.</summary>
public sealed class MbimTimeoutException : TimeoutException
{
    public MbimTimeoutException(string request, TimeSpan timeout)
        : base($"{request}: no answer within {timeout.TotalSeconds:0.###} s; the modem may be busy or hung, or the port does not speak MBIM")
    {
    }

    public MbimTimeoutException()
    {
    }

    public MbimTimeoutException(string message)
        : base(message)
    {
    }

    public MbimTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
