using WwanDaemon.At.Lines;

namespace WwanDaemon.At.Client;

/// <summary>The modem answered a command with something other than OK.</summary>
public sealed class AtCommandFailedException : Exception
{
    public AtCommandFailedException(string portName, AtResponse response)
        : base($"{portName}: {response.Command.Text} failed: {response.Final}")
    {
        Final = response.Final;
    }

    public AtCommandFailedException()
    {
        Final = AtFinalResult.Error;
    }

    public AtCommandFailedException(string message)
        : base(message)
    {
        Final = AtFinalResult.Error;
    }

    public AtCommandFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Final = AtFinalResult.Error;
    }

    public AtFinalResult Final { get; }
}

/// <summary>No final result came within the command's timeout: the modem is busy or hung, or the port does not speak AT.</summary>
public sealed class AtTimeoutException : TimeoutException
{
    public AtTimeoutException(string portName, string command, TimeSpan timeout)
        : base($"{portName}: {command}: no final result within {timeout.TotalSeconds:0.###} s; the modem may be busy or hung, or this port does not speak AT (try another port, or raise DTR)")
    {
    }

    public AtTimeoutException()
    {
    }

    public AtTimeoutException(string message)
        : base(message)
    {
    }

    public AtTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The port closed under a command (end of stream, EIO: the modem was unplugged, reset or
/// re-enumerated). Retrying on this port is pointless; wait for the device to come back.
/// </summary>
public sealed class AtPortGoneException : IOException
{
    public AtPortGoneException(string portName, string command, string reason, Exception? innerException = null)
        : base($"{portName}: {command}: port gone ({reason}); the modem was unplugged, reset or re-enumerated", innerException)
    {
    }

    public AtPortGoneException()
    {
    }

    public AtPortGoneException(string message)
        : base(message)
    {
    }

    public AtPortGoneException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
