namespace WwanDaemon.Cli.Commands;

/// <summary>wwanctl's exit statuses (the numbers above 2 are sysexits.h's).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The operation failed (wrong PIN, connection refused) or <c>wait</c> timed out.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments, or input that cannot be read (the message names the file and line); an unknown or ambiguous MODEM.</summary>
    public const int Usage = 2;

    /// <summary>wwan-daemon is not running, or the bus cannot be reached (EX_UNAVAILABLE).</summary>
    public const int Unavailable = 69;

    /// <summary>A bug in wwanctl (EX_SOFTWARE from sysexits.h).</summary>
    public const int InternalError = 70;

    /// <summary>The daemon refused: not root and not in group netdev (EX_NOPERM).</summary>
    public const int NotAllowed = 77;

    public static int UsageError(TextWriter error, string message)
    {
        error.WriteLine("wwanctl: " + message);
        return Usage;
    }

    public static int Fail(TextWriter error, int code, string message)
    {
        error.WriteLine("wwanctl: " + message);
        return code;
    }
}
