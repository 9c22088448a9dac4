namespace WwanDaemon.Simulator.Tool;

/// <summary>wwan-sim's exit statuses.</summary>
public static class ExitCodes
{
    /// <summary>Served until SIGTERM or SIGINT and cleaned up, or printed help.</summary>
    public const int Ok = 0;

    /// <summary>The port could not be set up or the simulator failed while serving (the message says which).</summary>
    public const int Failed = 1;

    /// <summary>Bad arguments: unknown protocol or profile, a missing option, a link path that is not ours to replace.</summary>
    public const int Usage = 2;

    /// <summary>A bug in wwan-sim (EX_SOFTWARE from sysexits.h).</summary>
    public const int InternalError = 70;

    public static int UsageError(TextWriter error, string message) => Report(error, message, Usage);

    public static int Report(TextWriter error, string message, int status)
    {
        error.WriteLine("wwan-sim: " + message);
        return status;
    }
}
